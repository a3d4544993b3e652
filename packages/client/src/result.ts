/** The thrown style, as a thin layer over the returned one. */
import type { TriggerFlowResult, TriggerFlowSuccess } from './client.js';
import { TriggerFlowError } from './failures.js';

/** The success of `result`, or a thrown TriggerFlowError carrying its failure. */
export function unwrap(result: TriggerFlowResult): TriggerFlowSuccess {
  if (!result.ok) throw new TriggerFlowError(result.error);
  return result;
}
