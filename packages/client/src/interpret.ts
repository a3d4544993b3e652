/**
 * Turns what happened to a call (an answer, or something thrown) into a typed result whose
 * failure message says what happened and what to do next. Text from outside passes through
 * `scrub`, so neither the app secret nor a token can reach a message.
 *
 * The wording is terse on purpose: the whole client, openapi-fetch included, must stay
 * within 10 kB minified and 4 kB gzipped (test/size.test.ts).
 */
import type { TriggerFlowResult } from './client.js';
import type { InvalidArgument, TriggerFlowFailure } from './failures.js';
import { TriggerFlowError } from './failures.js';
import { parseFlowInstanceId } from './flow-instance-id.js';
import {
  flowIdRange,
  gatewayStatuses,
  tokenErrorCodes,
  triggerFlowErrorCodes,
} from './generated/contract.js';
import { parseRetryAfter } from './retry.js';
import { DUPLICATED_ENCRYPTION } from './token-collision.js';

export type Scrub = (text: string) => string;

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

/** The failure of a call whose arguments are wrong, before anything is sent. */
export function invalidArgument(input: Record<InvalidArgument['argument'], unknown>) {
  const { flowId, triggerTime, userId, orgId } = input;
  const { min, max } = flowIdRange;
  const argument = !(
    Number.isInteger(flowId) &&
    (flowId as number) >= min &&
    (flowId as number) <= max
  )
    ? 'flowId'
    : !Number.isSafeInteger(+(triggerTime as number))
      ? 'triggerTime'
      : !userId
        ? 'userId'
        : !orgId && 'orgId';
  return (
    argument &&
    failure(
      'invalid-argument',
      0,
      `${argument} is ${show(input[argument])}: ${
        argument === 'flowId'
          ? `give an integer from ${min} to ${max}.`
          : argument === 'triggerTime'
            ? 'give a Date or epoch milliseconds.'
            : 'give it to createTriggerFlowClient or triggerFlow.'
      }`,
      { argument },
    )
  );
}

/** An answer's body: parsed JSON, or the text itself when it is not JSON. */
export async function readAnswer(response: Response): Promise<Answer | undefined> {
  const text = await response.text();
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

/**
 * The result of an answer: a success for a trigger answered code 0 with an instance ID,
 * otherwise the failure it stands for. Without `flowId` it is the token request's answer,
 * whose failures never started anything.
 */
export function resultOf(
  response: Response,
  answer: Answer | undefined,
  attempts: number,
  scrub: Scrub,
  flowId?: number,
): TriggerFlowResult {
  const { ok, status } = response;
  const code = flowId ? answer?.code : answer?.status;
  const id = answer?.data?.flowInstanceId;
  const msg = scrub(`${answer?.msg}`);
  const message = answer?.message;
  if (ok && flowId && code === 0 && typeof id === 'string') {
    const parts = parseFlowInstanceId(id);
    return {
      ok,
      flowInstanceId: id,
      flowId: parts?.flowId ?? flowId,
      instant: parts?.instant,
      requestId: answer?.requestId,
    };
  }
  if (ok && (flowId ? triggerFlowErrorCodes : tokenErrorCodes).includes(code as number)) {
    return flowId
      ? failure(
          'business',
          0,
          `EnOS refused flow ${flowId}: ${code} ${show(msg)}. Fix that, then trigger again (codes: @enos-trigger/client README).`,
          {
            code,
            msg,
            requestId: answer?.requestId,
          },
        )
      : failure(
          'auth',
          0,
          `The token service refused: ${code} ${show(msg)}${
            code === DUPLICATED_ENCRYPTION
              ? ` after ${attempts} token requests: another process with this appKey likely used the same millisecond. The credentials are likely fine: retry, and stagger the start of processes that share it.`
              : `. ${CREDENTIALS}`
          }`,
          { status: code, msg },
        );
  }
  if (!ok && gatewayStatuses.includes(status)) {
    const gatewayMessage = typeof message === 'string' ? scrub(message) : undefined;
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
  return failure(
    'unexpected-response',
    flowId,
    `HTTP ${status} with ${code === undefined ? 'a body' : `code ${code} ${show(msg)}`} outside the contract: check baseUrl.`,
    { status },
  );
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
  scrub: Scrub,
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
            `Connection failed (${scrub(`${cause?.cause?.message ?? cause?.message}`)}): check baseUrl and the network.`,
            { cause: thrown },
          );
}
