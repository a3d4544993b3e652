/**
 * The run's own token, asked for before anything else: every signed request needs it. Refused
 * credentials and an unreachable server are configuration errors (exit 2), told as such; so is
 * a token request that still collides with another process after TOKEN_ATTEMPTS requests.
 */

import { UsageError } from '../config/usage-error.js';
import { type ContractView, matchCatalog } from '../contract/view.js';
import type { Observation } from '../dredd/protocol.js';
import {
  type ApiAnswer,
  type Identity,
  requestContentType,
  send,
  tokenRequestBody,
} from '../http/api.js';
import {
  askAgainAfterCollisions,
  collisionAdvice,
  collisionNote,
  isCollision,
  type TokenExchange,
} from '../http/token-collisions.js';
import type { CheckOutcome } from '../results/model.js';

/** The token errors that mean "these credentials are wrong", by example name. */
const REFUSED = ['appKeyNotFound', 'invalidEncryption'];

export interface TokenResult {
  token?: string;
  check: CheckOutcome;
}

export async function obtainToken(
  view: ContractView,
  server: string,
  identity: Identity,
  observe: (observation: Observation) => void,
): Promise<TokenResult> {
  const op = view.token;
  const check = {
    id: 'token:preflight',
    section: 'token' as const,
    title: `${op.summary} · the run's credentials get a token`,
    evidence: 'documented' as const,
  };
  const observeAnswer = (answer: ApiAnswer) =>
    observe({
      operation: 'token',
      label: check.title,
      status: answer.status,
      contentType: answer.contentType,
      text: answer.text,
    });
  const ask = async (timestamp?: number): Promise<TokenExchange> => {
    const body = await tokenRequestBody(identity, timestamp);
    try {
      const headers = { 'content-type': requestContentType(op) };
      return { body, answer: await send(server, { op, query: [], body, headers }) };
    } catch (error) {
      throw new UsageError(
        `Cannot reach the server: ${(error as Error).message}. Check --server and the network.`,
      );
    }
  };
  const { exchange, requests } = await askAgainAfterCollisions(await ask(), ask, (replaced) =>
    observeAnswer(replaced.answer),
  );
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
  const refusal = matchCatalog(op, answer.json);
  if (refusal && REFUSED.includes(refusal.name)) {
    throw new UsageError(
      `The server refused the credentials (${refusal.summary}). Check --app-key and ` +
        '--app-secret (or ENOS_APP_KEY and ENOS_APP_SECRET), and that the app may call this API.',
    );
  }
  return {
    check: {
      ...check,
      violations: [
        {
          evidence: 'documented',
          message: `no token: HTTP ${answer.status} ${answer.text.slice(0, 300)}; every other check needs one`,
        },
      ],
    },
  };
}
