/**
 * Turns what happened to a call (an answer, or something thrown) into a typed result whose
 * failure message says what happened and what to do next. The caller passes every result and
 * failure through the client's `scrub` (scrub.ts) before it leaves the client.
 *
 * The wording is terse on purpose: the whole client, openapi-fetch included, must stay
 * within its size budget (size-budget.json, checked by test/size.test.ts).
 */
import type { InvalidArgument, TriggerFlowFailure } from './failures.js';
import { TriggerFlowError } from './failures.js';
import { flowInstanceIdOf, parseFlowInstanceId } from './flow-instance-id.js';
import {
  duplicatedEncryptionCode,
  flowIdRange,
  internalErrorCode,
  sameMinuteCode,
  triggerFlowAdvice,
} from './generated/contract.js';
import { parseRetryAfter } from './retry.js';
import type { Route, TriggerFlowResult } from './types.js';

const CREDENTIALS = 'Check appKey, appSecret and the clock.';
const BUG = 'Report a bug of @enos-trigger/client.';
const HINTS: Record<number, string> = {
  400: BUG,
  401: CREDENTIALS,
  413: BUG,
};

const show = (value: unknown): string =>
  typeof value === 'string' ? JSON.stringify(value) : String(value);

function failure(
  kind: TriggerFlowFailure['kind'],
  mayHaveTriggered: unknown,
  message: string,
  fields?: object,
): { ok: false; error: TriggerFlowFailure } {
  const error = {
    kind,
    mayHaveTriggered: !!mayHaveTriggered,
    message: `${message} ${mayHaveTriggered ? "A run may have started: check the flow's instances before you retry." : 'Nothing was started.'}`,
    ...fields,
  };
  return { ok: false, error: error as TriggerFlowFailure };
}

/** An answer outside the contract: it may have started a run if it answered the trigger. */
const outside = (status: number, what: string, flowId?: number) =>
  failure(
    'unexpected-response',
    flowId,
    `HTTP ${status} with ${what} outside the contract: check baseUrl.`,
    { status },
  );

const { min, max } = flowIdRange;
const text = (value: unknown) => typeof value === 'string' && value !== '';
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
export function misfit(
  values: Record<string, unknown>,
  optional?: boolean,
): [string, string] | undefined {
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

/** The failure of a call whose arguments are wrong, before anything is sent. */
export function invalidArgument(input: Record<InvalidArgument['argument'], unknown>) {
  const wrong = misfit(input);
  return wrong && failure('invalid-argument', 0, wrong[1], { argument: wrong[0] });
}

/**
 * An answer's body, streamed up to `max` bytes: parsed JSON, or the text itself when it is not
 * JSON. Over `max`, the read stops, the connection is let go, and it throws the failure:
 * unexpected-response, which may have started a run if it answered the trigger (`flowId`).
 */
export async function readAnswer(
  response: Response,
  max: number,
  flowId?: number,
): Promise<Answer | undefined> {
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel();
      throw new TriggerFlowError(
        outside(response.status, `a body over maxResponseBytes (${max} B)`, flowId).error,
      );
    }
    text += decoder.decode(value, { stream: true });
  }
  text += decoder.decode();
  try {
    return JSON.parse(text);
  } catch {
    return text as Answer;
  }
}

/** What the envelopes of the contract may hold: the service's, the token service's, the gateway's. */
export interface Answer {
  code?: number;
  status?: number;
  msg?: unknown;
  message?: unknown;
  requestId?: string;
  data?: { flowInstanceId?: unknown } & Record<string, unknown>;
}

/** The call a trigger's answer is for: the advice's placeholders are filled in from it. */
export interface TriggerCall {
  flowId: number;
  triggerTime: number;
  userId: string;
}

/**
 * The result of an answer to the operation of `route`, read by its generated facts: the code
 * from its envelope's code field, business codes and gateway statuses from its own lists. A
 * success for a trigger answered code 0 with an instance ID, otherwise the failure it stands
 * for. Without `trigger` (the call) it is the token request's answer, whose failures never
 * started anything. `attempts` counts the sends.
 */
export function resultOf(
  response: Response,
  answer: Answer | undefined,
  attempts: number,
  [, , , codeField, , gatewayStatuses]: Route,
  codes: readonly number[],
  trigger?: TriggerCall,
): TriggerFlowResult {
  const { ok, status } = response;
  const flowId = trigger?.flowId;
  const code = answer?.[codeField as 'code'];
  const id = answer?.data?.flowInstanceId;
  const msg = `${answer?.msg}`;
  const message = answer?.message;
  if (ok && flowId && code === 0 && typeof id === 'string') {
    const parts = parseFlowInstanceId(id);
    const answered = parts?.flowId ?? flowId;
    return {
      ok,
      flowInstanceId: id,
      flowId: answered,
      instant: parts?.instant,
      requestId: answer?.requestId,
      // An instance of another flow than the one asked for: still the service's success (the
      // mock answers flow 3377's to every trigger), but never passed over in silence.
      ...(answered !== flowId && { mismatch: { askedFlowId: flowId, answeredFlowId: answered } }),
    };
  }
  // The catalog's row for the answer: by code, and by message where entries share a code.
  const row =
    trigger &&
    triggerFlowAdvice.find(([known, , words]) => known === code && (words ?? msg) === msg);
  if (ok && row) {
    const { triggerTime, userId } = trigger;
    const instance = flowInstanceIdOf(trigger.flowId, triggerTime);
    // On a retry, the same-minute answer says the minute already has an instance: an earlier
    // attempt of this very call probably created it, whatever its answer said (a gateway can
    // pass the trigger on and still answer 503). Another 62102 of the catalog says nothing.
    const taken = attempts > 1 && code === sameMinuteCode && !row[2] && instance;
    const fill: Record<string, unknown> = {
      flowId,
      userId,
      minute: new Date(triggerTime).toISOString().slice(0, 16).replace('T', ' '),
      flowInstanceId: instance,
    };
    return failure(
      'business',
      // The service failed (internalError): its advice says a run may or may not have started.
      taken || code === internalErrorCode,
      `EnOS refused flow ${flowId}: ${code} ${show(msg)}. ${
        taken ? `This was attempt ${attempts}: an earlier one probably created ${taken}. ` : ''
      }${row[1].replace(/{(\w+)}/g, (all, name) => `${fill[name] ?? all}`)}`,
      {
        code,
        msg,
        requestId: answer?.requestId,
        flowInstanceId: taken || undefined,
      },
    );
  }
  if (ok && !flowId && codes.includes(code as number)) {
    return failure(
      'auth',
      0,
      `The token service refused: ${code} ${show(msg)}${
        code === duplicatedEncryptionCode
          ? ` after ${attempts} token requests: another process with this appKey likely used the same millisecond. The credentials are likely fine: retry, and stagger the start of processes that share it.`
          : `. ${CREDENTIALS}`
      }`,
      { status: code, msg },
    );
  }
  if (!ok && gatewayStatuses.includes(status)) {
    const gatewayMessage = typeof message === 'string' ? message : undefined;
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());
    const hint =
      HINTS[status] ??
      (status === 429 || status === 503
        ? `Retry ${retryAfterMs === undefined ? 'later' : `in ${retryAfterMs} ms`}.`
        : '');
    return failure(
      'gateway',
      flowId && status === 500,
      `The gateway answered HTTP ${status} ${show(gatewayMessage)} after ${attempts} attempt(s). ${hint}`,
      { status, gatewayMessage, retryAfterMs, attempts },
    );
  }
  return outside(status, code === undefined ? 'a body' : `code ${code} ${show(msg)}`, flowId);
}

/**
 * The failure something thrown during a call stands for: the token request's own failure,
 * the deadline, the caller's signal, or the network. `sent` tells whether the trigger may
 * have reached the service.
 */
export function thrownFailure(
  thrown: unknown,
  signal: AbortSignal,
  deadline: AbortSignal & { ms?: number },
  sent: boolean,
): { ok: false; error: TriggerFlowFailure } {
  const cause = thrown as { message?: unknown; cause?: { message?: unknown } };
  return thrown instanceof TriggerFlowError
    ? { ok: false, error: thrown.failure }
    : deadline.aborted
      ? failure(
          'timeout',
          sent,
          `No answer in ${deadline.ms} ms: raise timeoutMs, or retry later.`,
          {
            timeoutMs: deadline.ms,
          },
        )
      : signal.aborted
        ? failure('aborted', sent, 'Aborted by your signal.')
        : failure(
            'network',
            sent,
            `Connection failed (${cause?.cause?.message ?? cause?.message}): check baseUrl and the network.`,
            { cause: thrown },
          );
}
