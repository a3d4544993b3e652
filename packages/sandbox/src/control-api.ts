/**
 * The HTTP control API, under /__sandbox/ (outside every EnOS path). Its answers are JSON; its
 * errors are `{"error": "..."}` with 400, 404, 405 or 409, and say what to send instead.
 */
import { ClockNotManualError, type SandboxControl } from './control.js';
import { FaultSpecError } from './faults.js';
import { type Fixtures, FixturesError } from './fixtures.js';
import { type Answer, NOT_JSON, parseJson } from './http-io.js';

export const CONTROL_PREFIX = '/__sandbox/';

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
        const flow = /^[0-9]{1,10}$/.test(param) ? c.flow(Number(param)) : undefined;
        if (!flow) return error(404, `No flow ${param}: GET /__sandbox/flows lists them.`);
        return ok({ now: c.clock.now(), flow });
      },
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

function refusal(thrown: unknown): Answer {
  if (thrown instanceof FixturesError) return error(400, thrown.message, { entry: thrown.entry });
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
