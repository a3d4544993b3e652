/**
 * Which part of the sandbox answers a request: the two EnOS operations (behind the gateway's
 * body limit and gateway faults), the control API, or nobody.
 */
import type { IncomingMessage } from 'node:http';
import { gatewayAnswer, type SandboxContext } from './context.js';
import type { GatewayAnswer } from './contract-rules.js';
import type { SandboxControl } from './control.js';
import { answerControl, CONTROL_PREFIX, controlRefusal } from './control-api.js';
import type { Fault } from './faults.js';
import { type Answer, readBody, splitUrl } from './http-io.js';
import { answerToken } from './token-endpoint.js';
import { answerTrigger } from './trigger-endpoint.js';

/**
 * The contract documents no answer for a path or method it does not have. The sandbox answers
 * as the gateway product under EnOS's API gateway does when no route matches.
 */
const NO_ROUTE_BODY = JSON.stringify({ message: 'no Route matched with those values' });

/** A 413 closes the connection, as gateways do: the caller sent more than it should have. */
const CLOSE = { connection: 'close' };

export interface Router {
  /** The answer, or undefined when the caller went away before one was due. */
  route(req: IncomingMessage): Promise<Answer | undefined>;
}

/** `hold` delays an answer by some ms of sandbox time (a slow fault). */
export function createRouter(
  ctx: SandboxContext,
  control: SandboxControl,
  hold: (ms: number) => Promise<void>,
): Router {
  const { rules, state, clock } = ctx;
  const routes = [
    { ...rules.trigger, operation: 'triggerFlow' as const },
    { ...rules.token, operation: 'getAccessToken' as const },
  ];
  const served = routes
    .map((r) => `${r.method} ${r.path}`)
    .concat(`${CONTROL_PREFIX}*`)
    .join(', ');

  async function service(
    req: IncomingMessage,
    route: (typeof routes)[number],
    search: string,
  ): Promise<Answer | undefined> {
    const body = await readBody(req, ctx.bodyLimit, ctx.drainLimit);
    if (body === 'aborted') return undefined;
    if (body === 'too-large') {
      const reason = `the body is over ${ctx.bodyLimit} bytes`;
      return gatewayAnswer(route.gateway, 413, reason, CLOSE);
    }
    const fault = state.faults.take('gateway', route.operation, clock.now());
    if (fault?.type === 'slow') await hold(fault.delayMs);
    else if (fault) return faultAnswer(route.gateway, fault);
    return route.operation === 'triggerFlow'
      ? answerTrigger(ctx, req, search, body)
      : answerToken(ctx, req, body);
  }

  return {
    async route(req) {
      const { path, search } = splitUrl(req.url ?? '/');
      const method = req.method ?? '';
      for (const route of routes) {
        if (path === route.path && method === route.method) return service(req, route, search);
      }
      if (path.startsWith(CONTROL_PREFIX)) {
        const body = await readBody(req, ctx.bodyLimit, ctx.drainLimit);
        if (body === 'aborted') return undefined;
        const refused = controlRefusal(req, ctx.controlHosts);
        if (refused) return refused;
        if (body === 'too-large') {
          const error = `The body is over the sandbox's ${ctx.bodyLimit}-byte limit.`;
          return { status: 413, body: JSON.stringify({ error }), reason: error, headers: CLOSE };
        }
        return answerControl(control, method, path.slice(CONTROL_PREFIX.length), body);
      }
      // Read (and throw away) a body sent to no route too, so the caller gets to read the 404.
      if ((await readBody(req, 0, ctx.drainLimit)) === 'aborted') return undefined;
      return { status: 404, body: NO_ROUTE_BODY, reason: `the sandbox serves ${served}` };
    },
  };
}

function faultAnswer(gateway: Map<number, GatewayAnswer>, fault: Fault): Answer {
  if (fault.type === 'unavailable') {
    return gatewayAnswer(gateway, 503, 'an injected unavailable fault');
  }
  const documented = gateway.get(429)?.headers ?? [];
  const headers = documented.includes('Retry-After')
    ? { 'retry-after': String(fault.retryAfterSeconds) }
    : undefined;
  return gatewayAnswer(gateway, 429, 'an injected rate-limit fault', headers);
}
