/**
 * What every operation shares in turning what happened to a call (an answer, or something
 * thrown) into a typed failure whose message says what happened and what to do next: the
 * failure builder, the capped read of an answer, the gateway's and out-of-contract answers, and
 * thrown errors. What is particular to an operation (its success, its business errors) is in its
 * own module (trigger.ts, instances.ts, and the token request in session.ts). The caller passes
 * every result and failure through the session's `scrub` (scrub.ts) before it leaves the client.
 *
 * The wording is terse on purpose: an application that only triggers must stay within its size
 * budget (size-budget.json, checked by test/size.test.ts).
 */
import type { TriggerFlowFailure } from './failures.js';
import { parseRetryAfter } from './retry.js';
import { show } from './rules.js';
import type { Route } from './types.js';

export const CREDENTIALS = 'Check appKey, appSecret and the clock.';

/**
 * What a failure of an operation that changes something (a trigger, a cancel) says about that
 * change: the field that flags it, then the sentence when it may have happened and when it
 * provably did not. Operations that change nothing (reads, the token request) have none.
 */
export type Effect = readonly [field: string, may: string, nothing: string];

/** A failed result. `F` is the operation's failure union. */
export type Failed<F = TriggerFlowFailure> = { ok: false; error: F };

export function failure(
  kind: string,
  may: unknown,
  message: string,
  fields?: object,
  effect?: Effect,
): Failed {
  const error: Record<string, unknown> = {
    ...fields,
    kind,
    message: effect ? `${message} ${effect[may ? 1 : 2]}` : message,
  };
  if (effect) error[effect[0]] = !!may;
  return { ok: false, error: error as unknown as TriggerFlowFailure };
}

/** An answer outside the contract: it may have changed something if the operation can. */
const outside = (status: number, what: string, effect?: Effect) =>
  failure(
    'unexpected-response',
    effect,
    `HTTP ${status} with ${what} outside the contract: check baseUrl.`,
    { status },
    effect,
  );

/**
 * An answer's body, streamed up to `max` bytes: parsed JSON, or the text itself when it is not
 * JSON. Over `max`, the read stops, the connection is let go, and it throws the failed result
 * (see `thrownFailure`): unexpected-response, which may have changed something if the
 * operation can (`effect`).
 */
export async function readAnswer(
  response: Response,
  max: number,
  effect?: Effect,
): Promise<Answer | undefined> {
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    // Written so that a `max` that is not a number stops at once: the cap fails safe.
    if (!(size <= max)) {
      await reader.cancel();
      throw outside(response.status, `a body over maxResponseBytes (${max} B)`, effect);
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
  data?: unknown;
}

/** The code of an answer, read from the envelope field its route names. */
export const codeOf = (answer: Answer | undefined, route: Route): unknown =>
  answer?.[route[3] as 'code'];

/**
 * The failure an answer stands for when it is neither the operation's success nor one of its
 * business errors: a gateway status the route lists, or an answer outside the contract. A
 * gateway's 500 may have come after the service acted; its 401, 429 and 503 never reach it.
 */
export function answerFailure(
  response: Response,
  answer: Answer | undefined,
  attempts: number,
  route: Route,
  effect?: Effect,
): Failed {
  const { ok, status } = response;
  const code = codeOf(answer, route);
  if (!ok && route[5].includes(status)) {
    const message = answer?.message;
    const gatewayMessage = typeof message === 'string' ? message : undefined;
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());
    // 400 and 413 refuse what this client sent: its bug. A 500 has no advice.
    const hint =
      status === 401
        ? CREDENTIALS
        : status === 429 || status === 503
          ? `Retry ${retryAfterMs === undefined ? 'later' : `in ${retryAfterMs} ms`}.`
          : status < 500
            ? 'Report a bug of @enos-trigger/client.'
            : '';
    return failure(
      'gateway',
      effect && status === 500,
      `The gateway answered HTTP ${status} ${show(gatewayMessage)} after ${attempts} attempt(s). ${hint}`,
      { status, gatewayMessage, retryAfterMs, attempts },
      effect,
    );
  }
  return outside(
    status,
    code === undefined ? 'a body' : `code ${code} ${show(`${answer?.msg}`)}`,
    effect,
  );
}

/**
 * The failure something thrown during a call stands for: a failed result thrown on the way (a
 * plain `{ ok: false }`, cheaper than an Error class, never seen outside: the token request's,
 * which changed nothing, takes the operation's `effect`; a capped read's already has it), the
 * deadline, the caller's signal, or the network. `sent` tells whether the request may
 * have reached the service.
 */
export function thrownFailure(
  thrown: unknown,
  signal: AbortSignal,
  deadline: AbortSignal & { ms?: number },
  sent: boolean,
  effect?: Effect,
): Failed {
  const cause = thrown as { message?: unknown; cause?: { message?: unknown } };
  if ((thrown as Failed | undefined)?.ok === false) {
    const carried = (thrown as Failed).error;
    return effect && !(effect[0] in carried)
      ? failure(carried.kind, 0, carried.message, carried, effect)
      : { ok: false, error: carried };
  }
  return deadline.aborted
    ? failure(
        'timeout',
        sent,
        `No answer in ${deadline.ms} ms: raise timeoutMs, or retry later.`,
        { timeoutMs: deadline.ms },
        effect,
      )
    : signal.aborted
      ? failure('aborted', sent, 'Aborted by your signal.', undefined, effect)
      : failure(
          'network',
          sent,
          `Connection failed (${cause?.cause?.message ?? cause?.message}): check baseUrl and the network.`,
          { cause: thrown },
          effect,
        );
}
