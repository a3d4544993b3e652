/**
 * Which part of the sandbox answers a request, and the request pipeline of the contract's
 * operations. The route table is built from the contract (each operation's method and path,
 * keyed to its id, told apart from others of its path by its fixed query, as the spec's
 * operationMatcher rules); every operation then goes through the same steps, in the order a
 * gateway and a service apply them:
 *
 * 1. the gateway's body limit (413), then its injected faults (slow, 429, 503);
 * 2. authentication, for an operation whose security requirement names headers (401);
 * 3. the content type, for an operation with a body (400);
 * 4. the service's injected internal-error fault (its catalog answer);
 * 5. the contract's query and body schemas (the catalog answer its handler names);
 * 6. its business handler (handlers.ts), the only code particular to one operation.
 *
 * The control API and a 404 take every other request.
 */
import type { IncomingMessage } from 'node:http';
import type { OperationId } from '@enos-trigger/spec';
import { type Authenticator, apimAuthenticator } from './authentication.js';
import { gatewayAnswer, nonJsonRefusal, type SandboxContext } from './context.js';
import type { GatewayAnswer, OperationRules, Validator } from './contract-rules.js';
import type { SandboxControl } from './control.js';
import { answerControl, CONTROL_PREFIX, controlRefusal } from './control-api.js';
import type { Fault } from './faults.js';
import { type BusinessHandler, catalogAnswer, HANDLERS } from './handlers.js';
import {
  type Answer,
  NOT_JSON,
  parseJson,
  parseQuery,
  queryRecord,
  readBody,
  splitUrl,
} from './http-io.js';

/**
 * The contract documents no answer for a path or method it does not have. The sandbox answers
 * as the gateway product under EnOS's API gateway does when no route matches.
 */
const NO_ROUTE_BODY = JSON.stringify({ message: 'no Route matched with those values' });

/** A 413 closes the connection, as gateways do: the caller sent more than it should have. */
const CLOSE = { connection: 'close' };

/** The query of an operation that has no query parameters: nothing the handler may read. */
const NO_PARAMS: Record<string, string | string[]> = Object.freeze(Object.create(null));

export interface Router {
  /** The answer, or undefined when the caller went away before one was due. */
  route(req: IncomingMessage): Promise<Answer | undefined>;
}

/** One operation of the contract, ready to serve. */
interface Route {
  rules: OperationRules;
  handler: BusinessHandler;
  authenticate: Authenticator | undefined;
}

/** The route table: each operation by its id. Built once, from the contract. */
function routeTable(ctx: SandboxContext): Map<OperationId, Route> {
  return new Map(
    ctx.rules.operations.map((rules) => [
      rules.id,
      {
        rules,
        handler: HANDLERS[rules.id](rules),
        authenticate: apimAuthenticator(rules.id, rules.security),
      },
    ]),
  );
}

/** `POST /path?action=search`: where an operation is served, for the 404's reason. */
function target(rules: OperationRules): string {
  const fixed = new URLSearchParams(rules.fixedQuery).toString();
  return `${rules.method} ${rules.path}${fixed ? `?${fixed}` : ''}`;
}

/** `hold` delays an answer by some ms of sandbox time (a slow fault). */
export function createRouter(
  ctx: SandboxContext,
  control: SandboxControl,
  hold: (ms: number) => Promise<void>,
): Router {
  const { state, clock } = ctx;
  const table = routeTable(ctx);
  const served = ctx.rules.operations.map(target).concat(`${CONTROL_PREFIX}*`).join(', ');

  /** Steps 2 to 6, once the body is read and no gateway fault struck. */
  function answer(
    route: Route,
    req: IncomingMessage,
    query: [string, string][],
    body: Buffer,
  ): Answer {
    const { rules, handler } = route;
    if (route.authenticate) {
      const unauthenticated = route.authenticate(ctx, req.headers, query, body);
      if (unauthenticated !== undefined) {
        return gatewayAnswer(rules.gateway, 401, unauthenticated);
      }
    }
    if (rules.hasBody) {
      const nonJson = nonJsonRefusal(rules.gateway, req);
      if (nonJson) return nonJson;
    }
    if (state.faults.take('service', rules.id, clock.now())) {
      return catalogAnswer(handler, handler.internalError, 'an injected internal-error fault');
    }
    let params = NO_PARAMS;
    if (rules.validateQuery) {
      params = queryRecord(query);
      if (!rules.validateQuery(params)) {
        const name = handler.offContract('query', rules.validateQuery.errors?.[0], params);
        return catalogAnswer(handler, name, `query ${firstError(rules.validateQuery)}`);
      }
    }
    let input: unknown;
    if (rules.validateBody) {
      input = parseJson(body);
      if (input === NOT_JSON) {
        const name = handler.offContract('not-json', undefined, undefined);
        return catalogAnswer(handler, name, 'the body is not JSON');
      }
      handler.prepare?.(input, ctx);
      if (!rules.validateBody(input)) {
        const name = handler.offContract('body', rules.validateBody.errors?.[0], input);
        return catalogAnswer(handler, name, `body ${firstError(rules.validateBody)}`);
      }
    }
    return handler.answer(ctx, { req, params, input });
  }

  async function service(
    req: IncomingMessage,
    route: Route,
    query: [string, string][],
  ): Promise<Answer | undefined> {
    const { gateway, id } = route.rules;
    const body = await readBody(req, ctx.bodyLimit, ctx.drainLimit);
    if (body === 'aborted') return undefined;
    if (body === 'too-large') {
      return gatewayAnswer(gateway, 413, `the body is over ${ctx.bodyLimit} bytes`, CLOSE);
    }
    const fault = state.faults.take('gateway', id, clock.now());
    if (fault?.type === 'slow') await hold(fault.delayMs);
    else if (fault) return faultAnswer(gateway, fault);
    return answer(route, req, query, body);
  }

  return {
    async route(req) {
      const { path, search } = splitUrl(req.url ?? '/');
      const method = req.method ?? '';
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
      const query = parseQuery(search);
      const id = ctx.rules.match(method, path, query);
      const route = id === undefined ? undefined : table.get(id);
      if (route) return service(req, route, query);
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

function firstError(validate: Validator): string {
  const error = validate.errors?.[0];
  return error
    ? `${error.instancePath || '(root)'} ${error.message ?? 'is invalid'}`
    : 'is invalid';
}
