/** The thrown style, as a thin layer over the returned one. */

import { TriggerFlowError } from './failures.js';
import type { TriggerFlowResult, TriggerFlowSuccess } from './types.js';

/** The success of `result`, or a thrown TriggerFlowError carrying its failure. */
export function unwrap(result: TriggerFlowResult): TriggerFlowSuccess {
  if (!result.ok) throw new TriggerFlowError(result.error);
  return result;
}
