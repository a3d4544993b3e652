/**
 * POST /batch-processing-service/v2.1/flows?action=trigger, after the gateway's body limit and
 * gateway faults: authentication (401), content type (400), the service's internal-error fault,
 * then the contract's request checks (62102) and the business rules.
 */
import type { IncomingMessage } from 'node:http';
import { gatewayAnswer, nonJsonRefusal, type SandboxContext } from './context.js';
import type { TriggerAnswer } from './contract-rules.js';
import { type Answer, NOT_JSON, parseJson, parseQuery, queryRecord } from './http-io.js';
import { flowInstanceId } from './instance-id.js';
import { signatureMatches, timestampWithin } from './signature.js';
import { applyTrigger } from './trigger-rules.js';

const INTEGER_TEXT = /^-?[0-9]{1,16}$/;

export function answerTrigger(
  ctx: SandboxContext,
  req: IncomingMessage,
  search: string,
  body: Buffer,
): Answer {
  const { rules, state, clock } = ctx;
  const trigger = rules.trigger;
  const query = parseQuery(search);

  const unauthenticated = authenticate(ctx, req, query, body);
  if (unauthenticated !== undefined) return gatewayAnswer(trigger.gateway, 401, unauthenticated);

  const nonJson = nonJsonRefusal(trigger.gateway, req);
  if (nonJson) return nonJson;
  if (state.faults.take('service', 'triggerFlow', clock.now())) {
    return business(ctx, 'internalError', 'an injected internal-error fault');
  }

  const params = queryRecord(query);
  if (!trigger.validateQuery(params)) {
    return business(ctx, 'invalidRequestBody', `query ${firstError(trigger.validateQuery)}`);
  }
  const input = parseJson(body);
  if (input === NOT_JSON) return business(ctx, 'invalidRequestBody', 'the body is not JSON');
  coerceFlowId(input);
  if (!trigger.validateBody(input)) {
    return business(ctx, 'invalidRequestBody', `body ${firstError(trigger.validateBody)}`);
  }
  const { flowId, triggerTime } = input as { flowId: number; triggerTime: number };
  const id = flowInstanceId(flowId, triggerTime);
  if (id === undefined) {
    return business(ctx, 'invalidRequestBody', 'triggerTime is outside the years 0000-9999');
  }

  const outcome = applyTrigger(
    state,
    {
      userId: params.userId as string,
      orgId: params.orgId as string,
      flowId,
      triggerTime,
      flowInstanceId: id,
    },
    clock.now(),
  );
  if (!outcome.accepted) return business(ctx, outcome.answer, outcome.reason);
  return { status: 200, body: trigger.success(outcome.flowInstanceId) };
}

/** Why the call is not authenticated, or undefined when it is. Reasons never quote a secret. */
function authenticate(
  ctx: SandboxContext,
  req: IncomingMessage,
  query: [string, string][],
  body: Buffer,
): string | undefined {
  const accessToken = req.headers['apim-accesstoken'];
  const signature = req.headers['apim-signature'];
  const timestamp = req.headers['apim-timestamp'];
  if (typeof accessToken !== 'string' || typeof signature !== 'string') {
    return 'send the apim-accesstoken, apim-signature and apim-timestamp headers';
  }
  if (typeof timestamp !== 'string') return 'send the apim-timestamp header';
  const token = ctx.state.tokens.find(accessToken, ctx.clock.now());
  const app = token && ctx.state.apps.get(token.appKey);
  if (!app) {
    return 'the access token is unknown or expired: get one from the token endpoint';
  }
  if (!timestampWithin(timestamp, ctx.hostNow(), ctx.timestampWindowMs)) {
    return `apim-timestamp must be epoch ms within ${ctx.timestampWindowMs} ms of now`;
  }
  if (!signatureMatches({ accessToken, query, body, timestamp, signature }, app.appSecret)) {
    return 'apim-signature does not match: sign token + sorted query + raw body + timestamp + secret';
  }
  return undefined;
}

/**
 * The live service accepts the numeric string Envision's Python sample sends as flowId
 * ("13774"); turn such a string into the number before the contract's validator sees it.
 */
function coerceFlowId(input: unknown): void {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return;
  const body = input as { flowId?: unknown };
  if (typeof body.flowId === 'string' && INTEGER_TEXT.test(body.flowId)) {
    body.flowId = Number(body.flowId);
  }
}

function business(ctx: SandboxContext, answer: TriggerAnswer, reason: string): Answer {
  return { status: 200, body: ctx.rules.trigger.answers[answer], reason };
}

function firstError(validate: { errors?: { instancePath: string; message?: string }[] | null }) {
  const error = validate.errors?.[0];
  return error
    ? `${error.instancePath || '(root)'} ${error.message ?? 'is invalid'}`
    : 'is invalid';
}
