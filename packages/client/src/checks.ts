/**
 * The client's checks, each naming what is wrong and what to give instead: of its options at
 * creation (a configuration mistake is not the failure of a call), and of a trigger's
 * arguments before the standalone `triggerFlow` makes its own, terser check.
 *
 * A session (createSession) leaves them out to stay small. A mistake still fails safe there: an
 * argument is checked by `triggerFlow` itself (its message points at TriggerFlowInput), and an
 * option at the first call: an unusable baseUrl as a network failure, an unknown appKey or a
 * wrong appSecret as an auth failure, a missing userId or orgId as an invalid argument, a
 * timeoutMs or maxResponseBytes that is not a positive number as a time limit or a cap that
 * ends the call at once.
 */
import type { InvalidArgument } from './failures.js';
import { flowIdRange } from './generated/contract.js';
import { type Failed, failure } from './interpret.js';
import { show, text } from './rules.js';
import type { TriggerFlowClientOptions } from './session.js';
import { TRIGGERED } from './trigger.js';

const { min, max } = flowIdRange;
const TEXT = 'a non-empty string';
const DEFAULT = `${TEXT} to createTriggerFlowClient or triggerFlow`;

/** What each option and argument must be: its test, and what to give instead. */
// biome-ignore lint/suspicious/noExplicitAny: each rule tests a value of unknown type.
const RULES: Record<string, [(value: any) => unknown, string]> = {
  flowId: [(v) => Number.isInteger(v) && v >= min && v <= max, `an integer from ${min} to ${max}`],
  triggerTime: [(v) => Number.isSafeInteger(+v), 'a Date or epoch milliseconds'],
  userId: [text, DEFAULT],
  orgId: [text, DEFAULT],
  baseUrl: [(v) => /^https?:\/\/./.test(v), 'an http(s) URL'],
  appKey: [text, TEXT],
  appSecret: [text, TEXT],
  timeoutMs: [(v) => v > 0 && v < 2 ** 31, 'ms from 1 to 2147483647'],
  maxResponseBytes: [(v) => v > 0, 'a number above 0'],
};

/**
 * The first of `values` (options or arguments, by name) that breaks its rule, as its name and
 * a message naming it: what it is (never the secret's value) and what to give instead. With
 * `optional`, an undefined value is left alone.
 */
function misfit(values: Record<string, unknown>, optional?: boolean): [string, string] | undefined {
  for (const [name, value] of Object.entries(values)) {
    const [fits, hint] = RULES[name] as [(value: unknown) => unknown, string];
    if (!(fits(value) || (optional && value === undefined))) {
      return [
        name,
        `${name} is ${name === 'appSecret' ? 'empty or not a string' : show(value)}: give ${hint}.`,
      ];
    }
  }
}

/**
 * Throws a TypeError naming `creator` and the first unusable option: baseUrl, appKey,
 * appSecret, userId, orgId, timeoutMs or maxResponseBytes (the last two when given).
 */
export function checkOptions(creator: string, options: TriggerFlowClientOptions): void {
  const { baseUrl, appKey, appSecret, timeoutMs = 1, maxResponseBytes = 1 } = options;
  const wrong =
    misfit({ baseUrl, appKey, appSecret, timeoutMs, maxResponseBytes }) ??
    misfit({ userId: options.userId, orgId: options.orgId }, true);
  if (wrong) throw new TypeError(`${creator}: ${wrong[1]}`);
}

/** The failure of a trigger whose arguments are wrong, before anything is sent. */
export function invalidArgument(input: Record<InvalidArgument['argument'], unknown>) {
  const wrong = misfit(input);
  return (
    wrong && (failure('invalid-argument', 0, wrong[1], { argument: wrong[0] }, TRIGGERED) as Failed)
  );
}
