/**
 * POST /apim-token-service/v2.0/token/get, after the gateway's body limit and gateway faults.
 * Its errors come in the token service's own envelope (`status`, not `code`), with HTTP 200.
 */
import type { IncomingMessage } from 'node:http';
import { nonJsonRefusal, type SandboxContext } from './context.js';
import type { TokenAnswer } from './contract-rules.js';
import { type Answer, NOT_JSON, parseJson } from './http-io.js';
import { encryptionMatches, timestampWithin } from './signature.js';

interface TokenRequest {
  appKey: string;
  encryption: string;
  timestamp: number;
}

export function answerToken(ctx: SandboxContext, req: IncomingMessage, body: Buffer): Answer {
  const { rules, state, clock } = ctx;
  const token = rules.token;
  const nonJson = nonJsonRefusal(token.gateway, req);
  if (nonJson) return nonJson;
  if (state.faults.take('service', 'getAccessToken', clock.now())) {
    return refuse(ctx, 'internalError', 'an injected internal-error fault');
  }
  const input = parseJson(body);
  if (input === NOT_JSON) return refuse(ctx, 'invalidParameter', 'the body is not JSON');
  if (!token.validateBody(input)) {
    const error = token.validateBody.errors?.[0];
    const where = error?.instancePath || '(root)';
    const reason = `body ${where} ${error?.message ?? 'is invalid'}`;
    return refuse(ctx, isEmpty(input, error) ? 'emptyParameter' : 'invalidParameter', reason);
  }
  const { appKey, encryption, timestamp } = input as TokenRequest;
  const stamp = String(timestamp);
  const hostNow = ctx.hostNow();
  if (!timestampWithin(stamp, hostNow, ctx.timestampWindowMs)) {
    return refuse(
      ctx,
      'invalidParameter',
      `timestamp must be epoch ms within ${ctx.timestampWindowMs} ms of now`,
    );
  }
  const app = state.apps.get(appKey);
  if (!app) return refuse(ctx, 'appKeyNotFound', 'no app has this appKey');
  if (!encryptionMatches(appKey, stamp, app.appSecret, encryption)) {
    return refuse(
      ctx,
      'invalidEncryption',
      'encryption is not sha256(appKey + timestamp + secret)',
    );
  }
  if (!state.tokens.firstUse(encryption, timestamp + ctx.timestampWindowMs, hostNow)) {
    return refuse(ctx, 'duplicatedEncryption', 'this encryption was already used: sign a new one');
  }
  const now = clock.now();
  const issued = state.tokens.tokenFor(appKey, app.tokenLifetimeSeconds, now);
  const expire = Math.max(1, Math.ceil((issued.expiresAt - now) / 1000));
  return { status: 200, body: token.success(issued.accessToken, expire) };
}

/** A missing, null or empty field is the documented "empty parameter", not a wrong one. */
function isEmpty(input: unknown, error: { keyword: string; instancePath: string } | undefined) {
  if (!error) return false;
  if (error.keyword === 'required') return true;
  if (typeof input !== 'object' || input === null || !error.instancePath) return false;
  const value = (input as Record<string, unknown>)[error.instancePath.slice(1)];
  return value === null || value === '';
}

function refuse(ctx: SandboxContext, answer: TokenAnswer, reason: string): Answer {
  return { status: 200, body: ctx.rules.token.answers[answer], reason };
}
