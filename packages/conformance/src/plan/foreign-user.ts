/**
 * The request that draws an operation's "not the owner" answer (its catalog entry NOT_OWNER):
 * the success request, about the run's own instance, with another user of the organization
 * (--foreign-user-id) in it. Where the user goes is read from the entry's `when`: a field of the
 * request body it names in backticks is set to the other user (List Flow Instances: "`owner`
 * names another user than `userId`"); otherwise the other user asks (the query's userId), as
 * for Get and Cancel ("the user does not own the instance").
 *
 * Nothing it sends can change what the run did not make: it names only the run's own instance,
 * whose cancel the run sends anyway.
 */
import type { JsonSchema } from '@enos-trigger/spec';
import type { OperationView } from '../contract/view.js';
import type { Query } from '../http/api.js';
import { askedAs, namesCaller } from './caller.js';

/** The catalog entry of another user's call, by its example name in each operation's catalog. */
export const NOT_OWNER = 'noPrivilege';

export interface ForeignUserChange {
  /** Where the other user goes, in a few words. */
  how(foreignUserId: string): string;
  /** The success request, with the other user in it. */
  apply(
    request: { query: Query; body: string },
    foreignUserId: string,
  ): { query: Query; body: string };
}

/** The change for the operation's NOT_OWNER entry; undefined when it has none, or nothing to change. */
export function foreignUserChange(op: OperationView): ForeignUserChange | undefined {
  const entry = op.catalog.find((e) => e.name === NOT_OWNER);
  if (!entry) return undefined;
  const field = namedBodyField(op.requestSchema, entry.when);
  if (field !== undefined) {
    return {
      how: (user) => `${field} set to user ${user} (--foreign-user-id)`,
      apply: ({ query, body }, user) => ({ query, body: withField(body, field, user) }),
    };
  }
  if (!namesCaller(op)) return undefined;
  return {
    how: (user) => `asked as user ${user} (--foreign-user-id)`,
    apply: ({ query, body }, user) => ({ query: askedAs(query, user), body }),
  };
}

/** The first name in backticks in `when` that is a string field of the request body. */
function namedBodyField(schema: JsonSchema | undefined, when: string): string | undefined {
  const properties = (schema?.properties ?? {}) as Record<string, JsonSchema>;
  return [...when.matchAll(/`([A-Za-z_][A-Za-z0-9_]*)`/g)]
    .map((m) => m[1] as string)
    .find((name) => properties[name]?.type === 'string');
}

function withField(body: string, field: string, value: string): string {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  const object =
    typeof json === 'object' && json !== null && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : {};
  return JSON.stringify({ ...object, [field]: value });
}
