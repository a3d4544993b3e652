/**
 * The HTTP control API, under /__sandbox/ (outside every EnOS path). Its answers are JSON; its
 * errors are `{"error": "..."}` with 400, 403, 404, 405, 409 or 415, and say what to send instead.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { ClockNotManualError, NotInFixturesError, type SandboxControl } from './control.js';
import { FaultSpecError } from './faults.js';
import { type Fixtures, FixturesError } from './fixtures.js';
import { type Answer, NOT_JSON, parseJson } from './http-io.js';

export const CONTROL_PREFIX = '/__sandbox/';

/** A header that, like a JSON content type, no web page can put on a cross-site request. */
export const CONTROL_HEADER = 'x-enos-sandbox-control';

/**
 * Why a control call is refused before it is looked at, or undefined. The control API has no
 * authentication, so no web page may reach it: a page's cross-site request has a foreign
 * `Origin`; a page on a DNS-rebound name (evil.example resolving to 127.0.0.1) has a foreign
 * `Host`; and a "simple" cross-site POST, the one kind a browser sends without asking first, can
 * carry neither a JSON content type nor a custom header. `hosts` are the names, besides
 * localhost and IP addresses, that callers may address the sandbox by.
 */
export function controlRefusal(
  req: IncomingMessage,
  hosts: ReadonlySet<string>,
): Answer | undefined {
  const { host, origin } = req.headers;
  if (host !== undefined && !hostAllowed(host, hosts)) {
    return error(
      403,
      `The control API answers calls addressed to localhost, an IP address or a name given with --allowed-host (allowedHosts), not to ${JSON.stringify(host)}: a DNS-rebound web page looks like this. Call it by one of those names, or start the sandbox with --allowed-host NAME.`,
    );
  }
  if (origin !== undefined && origin.toLowerCase() !== `http://${host ?? ''}`.toLowerCase()) {
    return error(
      403,
      `The control API refuses calls from web pages (Origin ${JSON.stringify(origin)}): call it from your tests, a script or curl, which send no Origin header.`,
    );
  }
  if (
    req.method === 'POST' &&
    mediaType(req.headers['content-type']) !== 'application/json' &&
    req.headers[CONTROL_HEADER] === undefined
  ) {
    return error(
      415,
      `A control POST needs Content-Type: application/json (or an ${CONTROL_HEADER} header), which no web page can send cross-site: curl -H 'content-type: application/json' ...`,
    );
  }
  return undefined;
}

/** localhost, *.localhost, an IP address, or one of `hosts`; any port. */
function hostAllowed(header: string, hosts: ReadonlySet<string>): boolean {
  const value = header.toLowerCase();
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    return (
      end !== -1 && isIP(value.slice(1, end)) === 6 && /^(:[0-9]*)?$/.test(value.slice(end + 1))
    );
  }
  const colon = value.indexOf(':');
  const name = (colon === -1 ? value : value.slice(0, colon)).replace(/\.$/, '');
  if (colon !== -1 && !/^[0-9]*$/.test(value.slice(colon + 1))) return false;
  return name === 'localhost' || name.endsWith('.localhost') || isIP(name) === 4 || hosts.has(name);
}

function mediaType(header: string | undefined): string {
  return (header ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
}

/** A flow ID as a path segment; anything else names no flow. */
const FLOW_ID = /^[0-9]{1,10}$/;

type Handler = (control: SandboxControl, body: unknown, param: string) => Answer;

interface ControlRoute {
  pattern: RegExp;
  methods: Record<string, Handler>;
}

const ROUTES: ControlRoute[] = [
  { pattern: /^flows$/, methods: { GET: (c) => ok({ now: c.clock.now(), flows: c.flows() }) } },
  {
    pattern: /^flows\/([^/]+)$/,
    methods: {
      GET: (c, _body, param) => {
        const flow = FLOW_ID.test(param) ? c.flow(Number(param)) : undefined;
        if (!flow) return error(404, `No flow ${param}: GET /__sandbox/flows lists them.`);
        return ok({ now: c.clock.now(), flow });
      },
    },
  },
  {
    pattern: /^flows\/([^/]+)\/lock$/,
    methods: {
      PUT: (c, body, param) => {
        const locked = flag(body, 'locked');
        if (!FLOW_ID.test(param)) throw new NotInFixturesError(`flow ${JSON.stringify(param)}`);
        const flow = c.setFlowLocked(Number(param), locked);
        return ok({ now: c.clock.now(), flow });
      },
    },
  },
  {
    pattern: /^users\/([^/]+)\/lock$/,
    methods: {
      PUT: (c, body, param) => ok({ user: c.setUserLocked(param, flag(body, 'locked')) }),
    },
  },
  {
    pattern: /^fixtures$/,
    methods: {
      PUT: (c, body) => {
        // seed() checks the document whole and throws a FixturesError naming the bad entry.
        c.seed(body as Fixtures);
        return ok({ seeded: true });
      },
    },
  },
  {
    pattern: /^reset$/,
    methods: {
      POST: (c) => {
        c.reset();
        return ok({ reset: true });
      },
    },
  },
  { pattern: /^clock$/, methods: { GET: (c) => ok(clockView(c)) } },
  {
    pattern: /^clock\/advance$/,
    methods: {
      POST: (c, body) => {
        c.advanceClock(field(body, 'ms'));
        return ok(clockView(c));
      },
    },
  },
  {
    pattern: /^clock\/set$/,
    methods: {
      POST: (c, body) => {
        c.setClock(field(body, 'now'));
        return ok(clockView(c));
      },
    },
  },
  {
    pattern: /^faults$/,
    methods: {
      GET: (c) => ok({ faults: c.faults() }),
      POST: (c, body) => ok({ fault: c.injectFault(body) }, 201),
      DELETE: (c) => {
        c.clearFaults();
        return ok({ faults: [] });
      },
    },
  },
];

/** Answer a control call. `path` is what follows /__sandbox/; `body` the raw body. */
export function answerControl(
  control: SandboxControl,
  method: string,
  path: string,
  body: Buffer,
): Answer {
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    const handler = route.methods[method];
    if (!handler) {
      const allow = Object.keys(route.methods).join(', ');
      return { ...error(405, `${CONTROL_PREFIX}${path} takes ${allow}.`), headers: { allow } };
    }
    try {
      return handler(control, parseBody(body), decodeURIComponent(match[1] ?? ''));
    } catch (thrown) {
      return refusal(thrown);
    }
  }
  return error(404, `No control route ${CONTROL_PREFIX}${path}: see the sandbox README.`);
}

class BadControlInput extends Error {}

function parseBody(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  const parsed = parseJson(body);
  if (parsed === NOT_JSON) throw new BadControlInput('The body is not JSON.');
  return parsed;
}

function field(body: unknown, name: string): number {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  if (typeof body !== 'object' || body === null || typeof value !== 'number') {
    throw new BadControlInput(`Send {"${name}": <milliseconds>}.`);
  }
  return value;
}

function flag(body: unknown, name: string): boolean {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  if (typeof body !== 'object' || body === null || typeof value !== 'boolean') {
    throw new BadControlInput(`Send {"${name}": true} or {"${name}": false}.`);
  }
  return value;
}

function refusal(thrown: unknown): Answer {
  if (thrown instanceof FixturesError) return error(400, thrown.message, { entry: thrown.entry });
  if (thrown instanceof NotInFixturesError) return error(404, thrown.message);
  if (thrown instanceof ClockNotManualError) return error(409, thrown.message);
  if (
    thrown instanceof FaultSpecError ||
    thrown instanceof BadControlInput ||
    thrown instanceof RangeError ||
    thrown instanceof URIError
  ) {
    return error(400, thrown.message);
  }
  throw thrown;
}

function clockView(c: SandboxControl) {
  const now = c.clock.now();
  return { kind: c.clock.kind, now, iso: new Date(now).toISOString() };
}

function ok(value: unknown, status = 200): Answer {
  return { status, body: JSON.stringify(value) };
}

function error(status: number, message: string, extra: object = {}): Answer {
  return { status, body: JSON.stringify({ error: message, ...extra }), reason: message };
}
