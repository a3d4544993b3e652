/**
 * What to do about a catalog answer: the contract's `advice` for the entry, its placeholders
 * (`{flowId}`, `{userId}`, `{minute}`, `{flowInstanceId}`) filled with the values of the
 * request that drew it, where the run knows them, and left as the contract writes them where it
 * does not. `{minute}` is the trigger time's UTC minute (`yyyy-MM-dd HH:mm`) and
 * `{flowInstanceId}` the instance of that minute, as the client fills them.
 */
import { expectedInstanceId } from './instance-id.js';
import type { CatalogExample } from './view.js';

/** The values of one request, as far as the run knows them. */
export interface CallValues {
  flowId?: number;
  userId?: string;
  triggerTime?: number;
}

export function fillAdvice(advice: string, call: CallValues = {}): string {
  const { flowId, userId, triggerTime } = call;
  const values: Record<string, string | undefined> = {
    flowId: flowId === undefined ? undefined : String(flowId),
    userId,
    minute:
      triggerTime === undefined
        ? undefined
        : new Date(triggerTime).toISOString().slice(0, 16).replace('T', ' '),
    flowInstanceId:
      flowId === undefined || triggerTime === undefined
        ? undefined
        : expectedInstanceId(flowId, triggerTime),
  };
  return advice.replace(/\{(\w+)\}/g, (all, name: string) => values[name] ?? all);
}

/** The entry's advice for that request, named by the entry: `62103 · not the owner: ...`. */
export function adviceFor(entry: CatalogExample, call: CallValues = {}): string {
  return `${entry.summary}: ${fillAdvice(entry.advice, call)}`;
}
