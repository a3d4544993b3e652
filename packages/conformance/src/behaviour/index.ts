/**
 * The behaviour lane (--behaviour): what a run proves over time about a deployment, its budget
 * announced before anything is sent, its rules as data and modules of one shape.
 */
export { type ArazzoPlan, arazzoPlan } from './arazzo.js';
export { type ArazzoChoice, arazzoChoice } from './arazzo-choice.js';
export { LANE_WAITS, laneBudgetText, laneMaxMs } from './budget.js';
export { type LaneInput, type LanePlan, laneRows, runBehaviourLane } from './lane.js';
export { laneStartMinute } from './minutes.js';
export { BEHAVIOUR_RULES } from './registry.js';
export type { BehaviourRule, RuleContext, Verdict } from './rule.js';
