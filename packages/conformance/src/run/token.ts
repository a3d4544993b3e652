/**
 * The run's own token, asked for before anything else: every signed request needs it. Refused
 * credentials and an unreachable server are configuration errors (exit 2), told as such; so is
 * a token request that still collides with another process after TOKEN_ATTEMPTS requests. An
 * answer over the size limit fails the check, saying so. No answer in time rejects with
 * NoAnswerError: the run cannot check anything without a token, so it stops (check-server.ts).
 */

import { type AnswerExchange, observed } from '../checks/exchange.js';
import { UsageError } from '../config/usage-error.js';
import { fillAdvice } from '../contract/advice.js';
import { type ContractView, matchCatalog } from '../contract/view.js';
import { type ApiAnswer, type Identity, sendTokenRequest } from '../http/api.js';
import { AnswerTooLargeError, NoAnswerError, type Transport } from '../http/limits.js';
import {
  askAgainAfterCollisions,
  collisionAdvice,
  collisionNote,
  isCollision,
  type TokenExchange,
} from '../http/token-collisions.js';
import type { CheckOutcome } from '../results/model.js';
import { excerpt, oneLine } from '../results/text.js';

/** How much of a refusal's body the check quotes. */
const SNIPPET = 300;

/** The token errors that mean "these credentials are wrong", by example name. */
const REFUSED = ['appKeyNotFound', 'invalidEncryption'];

export interface TokenResult {
  token?: string;
  check: CheckOutcome;
}

/** The token check's report row, before its verdict. */
export function tokenCheckRow(view: ContractView) {
  return {
    id: 'token:preflight',
    section: 'token' as const,
    title: `${view.token.summary} · the run's credentials get a token`,
    evidence: 'documented' as const,
  };
}

export interface TokenRequest {
  view: ContractView;
  server: string;
  identity: Identity;
  transport: Transport;
  /** Every answer, for the rules of every answer. */
  observe(exchange: AnswerExchange): void;
  /** Takes the run's secrets out of the server's text, before it is cut. */
  redact(text: string): string;
}

export async function obtainToken(input: TokenRequest): Promise<TokenResult> {
  const { view, server, identity, transport, observe } = input;
  const op = view.token;
  const check = tokenCheckRow(view);
  const observeAnswer = (answer: ApiAnswer) => observe(observed(op.id, check.title, answer));
  const ask = async (timestamp?: number): Promise<TokenExchange> => {
    try {
      return await sendTokenRequest(server, view, identity, transport, timestamp);
    } catch (error) {
      // The server's doing (or the run stopped): the caller says so.
      if (error instanceof AnswerTooLargeError || error instanceof NoAnswerError) throw error;
      if (transport.signal?.aborted) throw transport.signal.reason;
      throw new UsageError(
        `Cannot reach the server: ${(error as Error).message}. Check --server and the network.`,
      );
    }
  };
  let settled: Awaited<ReturnType<typeof askAgainAfterCollisions>>;
  try {
    settled = await askAgainAfterCollisions(await ask(), ask, (replaced) =>
      observeAnswer(replaced.answer),
    );
  } catch (error) {
    if (!(error instanceof AnswerTooLargeError)) throw error;
    const message = `no token: ${error.message}; every other check needs one`;
    return { check: { ...check, violations: [{ evidence: 'documented', message }] } };
  }
  const { exchange, requests } = settled;
  const { answer } = exchange;
  observeAnswer(answer);
  const token = (answer.json as { data?: { accessToken?: unknown } } | undefined)?.data
    ?.accessToken;
  if (typeof token === 'string' && token !== '') {
    const passReason = [`HTTP ${answer.status}`, collisionNote(requests)]
      .filter(Boolean)
      .join('; ');
    return { token, check: { ...check, violations: [], passReason } };
  }
  if (isCollision(answer)) {
    throw new UsageError(`No token: ${collisionAdvice(requests)}`);
  }
  // By its code where the contract does not know the words (the token service's messages).
  const refusal = matchCatalog(op, answer.json);
  if (refusal && REFUSED.includes(refusal.name)) {
    throw new UsageError(
      `The server refused the credentials (${refusal.summary}): ${fillAdvice(refusal.advice)} ` +
        'Check --app-key and --app-secret (or ENOS_APP_KEY and ENOS_APP_SECRET), and that the ' +
        'app may call this API.',
    );
  }
  return {
    check: {
      ...check,
      violations: [
        {
          evidence: 'documented',
          message: `no token: HTTP ${answer.status} ${excerpt(oneLine(input.redact(answer.text)), SNIPPET)}; every other check needs one`,
        },
      ],
    },
  };
}
