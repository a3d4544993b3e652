/**
 * A deployment for the behaviour lane's tests: the real sandbox (system clock, flows that run
 * for `runMs`), behind a small node:http proxy on 127.0.0.1 that forwards every request as it
 * came (signature and all) and, with a break, rewrites the answers or the behaviour of the
 * instance operations to break exactly one rule of the lane. It counts what it was sent, so a
 * test can hold the lane to the budget it announced.
 *
 * The instances are known by the order the proxy saw them created: the lane's A, B, C, D.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  conformanceFixtures,
  defaultFixtures,
  type Fixtures,
  type InstanceView,
  type Sandbox,
  startSandbox,
} from '@enos-trigger/sandbox';
import { errorCatalog, FLOW_INSTANCE_STATUSES, operationMatcher } from '@enos-trigger/spec';
import { FIELDS, LANE_OPERATIONS } from '../../src/behaviour/contract.js';
import { contractView } from '../../src/contract/view.js';

export const BEHAVIOUR_BREAKS = [
  /** Rule 1: A shows INIT for ever, as if it waited for its schedule. */
  'past-trigger-waits',
  /** Rule 2: every waiting instance shows RUNNING. */
  'two-running',
  /** Rule 2: C shows WAIT for ever, even after it ran. */
  'wait-never-runs',
  /** Rule 2: B shows C's run and C shows B's: B ran first. */
  'wrong-order',
  /** Rule 3: Get answers a trigger time a minute later than the trigger's. */
  'get-wrong-trigger-time',
  /** Rule 4: List leaves A out. */
  'list-misses',
  /** Rule 5: a cancel of a waiting instance is answered 0 and does nothing. */
  'cancel-ignored',
  /** Rule 6: Get answers another user's instance as if it were theirs (the owner's answer). */
  'foreign-get-answered',
  /** Statuses: WAIT comes named RUNNING. */
  'wrong-status-name',
] as const;
export type BehaviourBreak = (typeof BEHAVIOUR_BREAKS)[number];

const offered = conformanceFixtures(defaultFixtures);
if (!offered?.foreignUserId) throw new Error('the default fixtures offer no other user');
/** Who the lane is, as the default fixtures offer it. */
export const LANE = {
  app: offered.app,
  userId: offered.user.userId,
  orgId: offered.user.orgId,
  flowId: offered.flowId,
  foreignUserId: offered.foreignUserId,
};

export interface BehaviourServer {
  url: string;
  sandbox: Sandbox;
  /** Instance IDs in the order they were created through the proxy. */
  created: string[];
  /** What was sent, by operation id: count, and for triggers the flows they named. */
  sent: Map<string, number>;
  /** When the first request came (ms, Date.now), or undefined. */
  firstRequestAt?: number;
  close(): Promise<void>;
}

/** The code Get refuses another user's instance with. */
const notOwner = errorCatalog(LANE_OPERATIONS.get).find((e) => e.name === 'noPrivilege');
if (!notOwner) throw new Error("the contract's Get has no noPrivilege answer");
const NOT_OWNER = notOwner.code;
const HEADERS = contractView().headers;

/**
 * The documented signature of a call (written again here, sharing no code with the suite): the
 * lowercase hex SHA-256 of token, the query sorted by key as `keyvalue` pairs, the body, the
 * timestamp and the secret.
 */
function sign(token: string, query: URLSearchParams, body: string, timestamp: string): string {
  const sorted = [...query].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const data = `${token}${sorted.map(([k, v]) => `${k}${v}`).join('')}${body}${timestamp}${LANE.app.appSecret}`;
  return createHash('sha256').update(data, 'utf8').digest('hex');
}

const CODE = new Map(FLOW_INSTANCE_STATUSES.map((s) => [s.name as string, s.code as number]));
const NAME = new Map(FLOW_INSTANCE_STATUSES.map((s) => [s.code as number, s.name as string]));
const code = (name: string) => CODE.get(name) as number;
const f = FIELDS.instance;

/** Default fixtures with every flow running `runMs`. */
function fixtures(runMs: number): Fixtures {
  return { ...defaultFixtures, flows: defaultFixtures.flows.map((flow) => ({ ...flow, runMs })) };
}

export async function startBehaviourServer(options: {
  runMs: number;
  broken?: BehaviourBreak;
  /** Told of each request, by operation id, once counted: true leaves it without an answer. */
  hold?: (operation: string, req: IncomingMessage) => boolean;
}): Promise<BehaviourServer> {
  const sandbox = await startSandbox({ port: 0, fixtures: fixtures(options.runMs) });
  const matcher = operationMatcher();
  const created: string[] = [];
  const sent = new Map<string, number>();
  const state: BehaviourServer = {
    url: '',
    sandbox,
    created,
    sent,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A request held without an answer keeps its connection: it ends here.
        server.closeAllConnections();
      });
      await sandbox.close();
    },
  };

  /** The sandbox's own view of an instance, as Get would write its status and times. */
  const viewOf = (instanceId: string): Record<string, unknown> | undefined => {
    const instance = sandbox
      .flows()
      .flatMap((flow) => flow.instances)
      .find((i: InstanceView) => i.flowInstanceId === instanceId);
    if (!instance) return undefined;
    const time = (ms: number | null) =>
      ms === null ? '' : new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
    return {
      [f.status]: code(instance.status),
      [f.statusDesc]: instance.status,
      [f.startTime]: time(instance.startedAt),
      [f.endTime]: time(instance.endedAt),
    };
  };

  /** The break's rewrite of one instance as an answer gives it. */
  const rewrite = (item: Record<string, unknown>, operation: string): Record<string, unknown> => {
    const id = item[f.id] as string;
    const [a, b, c] = created;
    switch (options.broken) {
      case 'past-trigger-waits':
        return id === a
          ? {
              ...item,
              [f.status]: code('INIT'),
              [f.statusDesc]: 'INIT',
              [f.startTime]: '',
              [f.endTime]: '',
            }
          : item;
      case 'two-running':
        return item[f.status] === code('WAIT')
          ? { ...item, [f.status]: code('RUNNING'), [f.statusDesc]: 'RUNNING' }
          : item;
      case 'wait-never-runs':
        return id === c
          ? {
              ...item,
              [f.status]: code('WAIT'),
              [f.statusDesc]: 'WAIT',
              [f.startTime]: '',
              [f.endTime]: '',
            }
          : item;
      case 'wrong-order': {
        const other = id === b ? c : id === c ? b : undefined;
        const swapped = other === undefined ? undefined : viewOf(other);
        return swapped === undefined ? item : { ...item, ...swapped };
      }
      case 'get-wrong-trigger-time': {
        if (operation !== LANE_OPERATIONS.get) return item;
        const text = item[f.triggerTime] as string;
        const later = new Date(`${text.replace(' ', 'T')}Z`).getTime() + 60_000;
        return {
          ...item,
          [f.triggerTime]: new Date(later).toISOString().slice(0, 19).replace('T', ' '),
        };
      }
      case 'wrong-status-name':
        return item[f.status] === code('WAIT')
          ? { ...item, [f.statusDesc]: NAME.get(code('RUNNING')) }
          : item;
      default:
        return item;
    }
  };

  const server = createServer((req, res) => {
    void serve(req, res).catch((error: unknown) => {
      res.statusCode = 502;
      res.end(JSON.stringify({ message: `test proxy failed: ${String(error)}` }));
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    state.firstRequestAt ??= Date.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://proxy');
    const operation = matcher(req.method ?? 'GET', url.pathname, url.searchParams) ?? 'other';
    sent.set(operation, (sent.get(operation) ?? 0) + 1);
    if (options.hold?.(operation, req)) return;

    if (options.broken === 'cancel-ignored' && operation === LANE_OPERATIONS.cancel) {
      const id = (JSON.parse(body.toString('utf8')) as Record<string, unknown>)[
        FIELDS.instanceParam
      ];
      const view = typeof id === 'string' ? viewOf(id) : undefined;
      const waiting = view?.[f.status] === code('WAIT') || view?.[f.status] === code('INIT');
      if (waiting && url.searchParams.get('userId') === LANE.userId) {
        reply(res, 200, { code: 0, msg: 'OK', data: '' });
        return;
      }
    }

    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(
        ([name]) => !['host', 'content-length', 'connection'].includes(name),
      ),
    ) as Record<string, string>;
    const forward = (target: string, with_: Record<string, string>) =>
      fetch(`${sandbox.url}${target}`, {
        method: req.method ?? 'GET',
        headers: with_,
        ...(body.length > 0 ? { body } : {}),
      });
    let upstream = await forward(req.url ?? '/', headers);
    let text = await upstream.text();
    if (options.broken === 'foreign-get-answered' && operation === LANE_OPERATIONS.get) {
      const refused = (JSON.parse(text) as { code?: unknown }).code === NOT_OWNER;
      if (refused) {
        // Ask again as the owner, signed anew, and answer that to the other user.
        const query = new URLSearchParams(url.searchParams);
        query.set('userId', LANE.userId);
        const timestamp = String(Date.now());
        const token = headers[HEADERS.accessToken] as string;
        upstream = await forward(`${url.pathname}?${query}`, {
          ...headers,
          [HEADERS.timestamp]: timestamp,
          [HEADERS.signature]: sign(token, query, '', timestamp),
        });
        text = await upstream.text();
      }
    }
    let json: Record<string, unknown> | undefined;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = undefined;
    }
    if (json === undefined || upstream.status !== 200) {
      res.writeHead(upstream.status, {
        'content-type': upstream.headers.get('content-type') ?? 'application/json',
      });
      res.end(text);
      return;
    }
    const data = json[FIELDS.data] as Record<string, unknown> | null;
    if (operation === LANE_OPERATIONS.trigger && json.code === 0 && data) {
      created.push(data[FIELDS.createdId] as string);
    }
    if (operation === LANE_OPERATIONS.get && json.code === 0 && data) {
      reply(res, 200, { ...json, [FIELDS.data]: rewrite(data, operation) });
      return;
    }
    if (operation === LANE_OPERATIONS.list && json.code === 0 && data) {
      const items = (data[FIELDS.list.items] as Record<string, unknown>[]).map((item) =>
        rewrite(item, operation),
      );
      const kept =
        options.broken === 'list-misses'
          ? items.filter((item) => item[f.id] !== created[0])
          : items;
      const count = (data[FIELDS.list.count] as number) - (items.length - kept.length);
      reply(res, 200, {
        ...json,
        [FIELDS.data]: { ...data, [FIELDS.list.items]: kept, [FIELDS.list.count]: count },
      });
      return;
    }
    reply(res, 200, json);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
