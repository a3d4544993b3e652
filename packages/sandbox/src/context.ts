/** What every route of one sandbox shares. */

import type { IncomingMessage } from 'node:http';
import type { Clock } from './clock.js';
import type { ContractRules, GatewayAnswer } from './contract-rules.js';
import { type Answer, isJsonContentType } from './http-io.js';
import type { InstanceViewer } from './instance-view.js';
import type { ServerTimeZone } from './server-time.js';
import type { SandboxState } from './state.js';

export interface SandboxContext {
  rules: ContractRules;
  state: SandboxState;
  /** Sandbox time: token lifetimes, trigger times, instance states, faults. */
  clock: Clock;
  /** The zone of the service's string times (`yyyy-MM-dd HH:mm:ss`), written and read. */
  timeZone: ServerTimeZone;
  /** Instances as the contract's FlowInstance, with times in `timeZone`. */
  viewer: InstanceViewer;
  /**
   * Host time, for the caller's timestamps (`apim-timestamp`, the token request's `timestamp`):
   * the caller signs with its own clock, which a manual sandbox clock does not move.
   */
  hostNow: () => number;
  /** How far a caller's timestamp may be from host time, either way, in ms. */
  timestampWindowMs: number;
  bodyLimit: number;
  /** How much of a body over `bodyLimit` is read and thrown away before the 413. */
  drainLimit: number;
  /** Host names, besides localhost and IP addresses, that the control API answers (lowercase). */
  controlHosts: ReadonlySet<string>;
}

/** The gateway's answer for `status`, as the contract documents it for the operation. */
export function gatewayAnswer(
  answers: Map<number, GatewayAnswer>,
  status: number,
  reason: string,
  headers?: Answer['headers'],
): Answer {
  const answer = answers.get(status) as GatewayAnswer;
  return headers
    ? { status, body: answer.body, reason, headers }
    : { status, body: answer.body, reason };
}

/** The gateway's 400 for a body not declared as JSON in UTF-8; undefined when it is. */
export function nonJsonRefusal(
  answers: Map<number, GatewayAnswer>,
  req: IncomingMessage,
): Answer | undefined {
  if (isJsonContentType(req.headers['content-type'])) return undefined;
  return gatewayAnswer(
    answers,
    400,
    'send the body as Content-Type: application/json;charset=UTF-8',
  );
}
