/**
 * Every rule of the behaviour lane, in the order its rows are reported: the six rules,
 * the names of the statuses read on the way, and the lane's waits. A new rule is a module here;
 * the lane does not change.
 */
import type { BehaviourRule } from './rule.js';
import { cancelWaiting } from './rule-cancel-waiting.js';
import { foreignRefused } from './rule-foreign-refused.js';
import { getMatchesTrigger } from './rule-get-matches-trigger.js';
import { listFinds } from './rule-list-finds.js';
import { oneAtATime } from './rule-one-at-a-time.js';
import { pastTriggerStarts } from './rule-past-trigger-starts.js';
import { statusNames } from './rule-status-names.js';
import { waitsBounded } from './rule-waits-bounded.js';

export const BEHAVIOUR_RULES: readonly BehaviourRule[] = [
  pastTriggerStarts,
  oneAtATime,
  getMatchesTrigger,
  listFinds,
  cancelWaiting,
  foreignRefused,
  statusNames,
  waitsBounded,
];
