/**
 * The business handler of Get Access Token (POST /apim-token-service/v2.0/token/get). By the time
 * it answers, the pipeline has applied the body limit, gateway faults, the content type, the
 * internal-error fault and the contract's body schema (the operation is public: no
 * authentication). Its errors come in the token service's own envelope, with HTTP 200.
 */
import { handlerAnswers, type OperationRules, type ValidationError } from './contract-rules.js';
import type { BusinessHandler } from './handlers.js';
import { encryptionMatches, timestampWithin } from './signature.js';

/** The catalog entries the token service answers with, by their example name in the contract. */
export const TOKEN_ANSWERS = [
  'duplicatedEncryption',
  'appKeyNotFound',
  'invalidEncryption',
  'invalidParameter',
  'emptyParameter',
  'internalError',
] as const;

interface TokenRequest {
  appKey: string;
  encryption: string;
  timestamp: number;
}

export function tokenHandler(rules: OperationRules): BusinessHandler {
  const { answers, refuse, success } = handlerAnswers(rules, TOKEN_ANSWERS);
  return {
    answers,
    internalError: 'internalError',
    offContract: (problem, error, input) =>
      problem === 'body' && isEmpty(input, error) ? 'emptyParameter' : 'invalidParameter',
    answer(ctx, { input }) {
      const { state, clock } = ctx;
      const { appKey, encryption, timestamp } = input as TokenRequest;
      const stamp = String(timestamp);
      const hostNow = ctx.hostNow();
      if (!timestampWithin(stamp, hostNow, ctx.timestampWindowMs)) {
        return refuse(
          'invalidParameter',
          `timestamp must be epoch ms within ${ctx.timestampWindowMs} ms of now`,
        );
      }
      const app = state.apps.get(appKey);
      if (!app) return refuse('appKeyNotFound', 'no app has this appKey');
      if (!encryptionMatches(appKey, stamp, app.appSecret, encryption)) {
        return refuse('invalidEncryption', 'encryption is not sha256(appKey + timestamp + secret)');
      }
      if (!state.tokens.firstUse(encryption, timestamp + ctx.timestampWindowMs, hostNow)) {
        return refuse('duplicatedEncryption', 'this encryption was already used: sign a new one');
      }
      const now = clock.now();
      const issued = state.tokens.tokenFor(appKey, app.tokenLifetimeSeconds, now);
      const expire = Math.max(1, Math.ceil((issued.expiresAt - now) / 1000));
      return success({ accessToken: issued.accessToken, expire });
    },
  };
}

/** A missing, null or empty field is the documented "empty parameter", not a wrong one. */
function isEmpty(input: unknown, error: ValidationError | undefined): boolean {
  if (!error) return false;
  if (error.keyword === 'required') return true;
  if (typeof input !== 'object' || input === null || !error.instancePath) return false;
  const value = (input as Record<string, unknown>)[error.instancePath.slice(1)];
  return value === null || value === '';
}
