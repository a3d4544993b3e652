/**
 * Who asks: the query parameter that names the caller (USER_PARAMETER). The answers about the
 * caller (an unknown user, another user, a locked user) are drawn by asking as someone else.
 */
import type { OperationView } from '../contract/view.js';
import { type Query, USER_PARAMETER } from '../http/api.js';

/** Does the operation's query name its caller? */
export function namesCaller(op: OperationView): boolean {
  return op.query.some((p) => p.name === USER_PARAMETER);
}

/** The query, with `userId` as the caller instead. */
export function askedAs(query: Query, userId: string): Query {
  return query.map(([name, value]) => [name, name === USER_PARAMETER ? userId : value]);
}
