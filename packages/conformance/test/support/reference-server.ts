/**
 * A small node:http server that keeps the Trigger Flow contract as far as a conformance run
 * looks (and the instance operations: reference-instances.ts), with a switch that breaks
 * exactly one rule. The correct variant shows the suite passes
 * a server that keeps the contract; each broken variant, that it names the rule broken.
 *
 * It shares no code with the package under test (signing is written again here from the
 * documented algorithm), and reads its codes and messages from the contract, so that it keeps
 * the contract by construction rather than by a copy.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorCatalog, findOperation, gatewayErrors, successExample } from '@enos-trigger/spec';
import { INSTANCE_BREAKS, instanceOperations } from './reference-instances.js';

export const APP_KEY = 'reference-app-key';
/** Distinctive, so a test can search every output for it. */
export const APP_SECRET = 'reference-secret-Zq81xKw0';
export const USER = 'reference-user';
export const ORG = 'reference-org';
export const FLOW = 5150;
export const NO_TASK_FLOW = 5151;
export const FOREIGN_FLOW = 5152;
/** A flow of USER that is locked (62106). */
export const LOCKED_FLOW = 5153;
/** A user of ORG that is locked (62105). */
export const LOCKED_USER = 'reference-locked-user';
/** Every token it issues starts with this, so a test can search outputs for tokens. */
export const TOKEN_PREFIX = 'reftok-';

/** The flags that point a run at a reference server (the secret goes in ENOS_APP_SECRET). */
export function targetArgs(server: { url: string }): string[] {
  return [
    '--server',
    server.url,
    '--app-key',
    APP_KEY,
    '--user-id',
    USER,
    '--org-id',
    ORG,
    '--flow-id',
    String(FLOW),
  ];
}

/** targetArgs, plus the other flows and the locked user, so that every documented error is checked. */
export function fullArgs(server: { url: string }): string[] {
  return [
    ...targetArgs(server),
    '--no-task-flow-id',
    String(NO_TASK_FLOW),
    '--foreign-flow-id',
    String(FOREIGN_FLOW),
    '--locked-flow-id',
    String(LOCKED_FLOW),
    '--locked-user-id',
    LOCKED_USER,
  ];
}

export const BREAKS = [
  'code-as-string',
  'malformed-instance-id',
  'missing-data',
  'wrong-status',
  'wrong-content-type',
  'business-error-as-4xx',
  'v2-envelope',
  'auth-not-enforced',
  'wrong-62104-message',
  'instance-id-of-another-flow',
  '5xx-on-junk-body',
  'junk-body-accepted',
  'duplicates-accepted',
  'leaks-secrets',
  'wrong-1002-code',
  'locked-flow-accepted',
  ...INSTANCE_BREAKS,
] as const;
export type Break = (typeof BREAKS)[number];

const BODY_LIMIT = 1024 * 1024;
const trigger = findOperation('triggerFlow');
const token = findOperation('getAccessToken');
const triggerErrors = new Map(errorCatalog('triggerFlow').map((e) => [e.name, e]));
const tokenErrors = new Map(errorCatalog('getAccessToken').map((e) => [e.name, e]));
const gateway = new Map(gatewayErrors('triggerFlow').map((g) => [g.status, g.message]));
const tokenSuccess = successExample('getAccessToken').value as Record<string, unknown> & {
  data: { expire: number };
};
const triggerSuccess = successExample('triggerFlow').value as Record<string, unknown>;

export interface Answer {
  status: number;
  body: unknown;
  contentType?: string;
}

/**
 * Servers nobody here controls: one that streams a 2 GB answer (lazily, one reused chunk at a
 * time, until the client hangs up) to every Trigger Flow or token request, one that accepts
 * connections and never answers, one that gives tokens and then never answers again, and one
 * that answers Trigger Flow a byte every 100 ms, for ever.
 */
export const HOSTILE = [
  'huge-trigger',
  'huge-token',
  'silent',
  'silent-after-token',
  'trickle-trigger',
] as const;
export type Hostile = (typeof HOSTILE)[number];

/** What a huge answer would be, if the client read it all. */
export const HUGE_BYTES = 2 * 1024 ** 3;
const HUGE_CHUNK = Buffer.alloc(64 * 1024, ' ');

export interface ReferenceServer {
  url: string;
  /** Bytes of huge answers written, in all and at most for one answer. */
  huge: { answers: number; bytes: number; mostInOne: number };
  /** Requests it has answered, by path. */
  requests: string[];
  /** The flowId of every Trigger Flow request whose body is JSON with one, as sent. */
  namedFlows: unknown[];
  /** Mark a minute of FLOW as already triggered, as an earlier run would have. */
  takeMinute(minuteStart: number): void;
  close(): Promise<void>;
}

export interface ReferenceOptions {
  /** The app secret it knows (default APP_SECRET): also the one the run is given. */
  appSecret?: string;
  /** Answers 62104 with this message instead of the contract's (a failing row, with details). */
  noTaskMessage?: string;
  /**
   * Answers every token service error, and 62106, in other words than the contract's examples:
   * words the contract does not know, as a real deployment may.
   */
  otherWords?: boolean;
  hostile?: Hostile;
  /**
   * Whether the token request that would get the index-th token (from 0) collides instead: it
   * gets duplicatedEncryption, as when another process with the app key has just used the same
   * millisecond.
   */
  collide?: (index: number) => boolean;
  /**
   * Another operation it serves (a contract with more operations than the bundled one): called
   * for a request no route of its own takes, with whether the request is signed with one of
   * its tokens. Undefined: 404.
   */
  extra?: (request: {
    method: string;
    url: URL;
    raw: Buffer;
    authentic: boolean;
  }) => Answer | undefined;
}

export async function startReferenceServer(
  broken?: Break,
  options: ReferenceOptions = {},
): Promise<ReferenceServer> {
  let fresh = 0;
  const secret = options.appSecret ?? APP_SECRET;
  const tokens = new Set<string>();
  const encryptions = new Set<string>();
  const instances = new Set<string>();
  const is = (b: Break) => broken === b;

  const business = (name: string): Answer => {
    const entry = triggerErrors.get(name);
    if (!entry) throw new Error(`no ${name} in the contract`);
    const msg =
      name === 'noTask' && options.noTaskMessage !== undefined
        ? options.noTaskMessage
        : is('wrong-62104-message') && name === 'noTask'
          ? 'Workflow has no task.'
          : options.otherWords && entry.parts.message === 'unknown'
            ? otherWords(entry.code)
            : entry.message;
    const leak = is('leaks-secrets') ? ` (secret ${secret}, token ${[...tokens][0]})` : '';
    const status = is('business-error-as-4xx')
      ? ({
          invalidRequestBody: 400,
          cannotCreateInstance: 409,
          noPrivilege: 403,
          noTask: 409,
          userNotInOrg: 404,
        }[name] ?? 400)
      : 200;
    if (is('v2-envelope')) return { status, body: { status: entry.code, msg: msg + leak } };
    return { status, body: { code: entry.code, msg: msg + leak, data: null } };
  };
  const gatewayAnswer = (status: number): Answer => ({
    status,
    body: { message: gateway.get(status) },
  });
  const instanceOps = instanceOperations(
    { user: USER, org: ORG, lockedUser: LOCKED_USER },
    () => gatewayAnswer(401),
    is,
  );
  const tokenError = (name: string): Answer => {
    const known = tokenErrors.get(name);
    if (!known) throw new Error(`no ${name} in the contract`);
    // The wrong documented code: invalidEncryption's where appKeyNotFound's is due.
    const entry =
      is('wrong-1002-code') && name === 'appKeyNotFound'
        ? (tokenErrors.get('invalidEncryption') ?? known)
        : known;
    const msg =
      options.otherWords && entry.parts.message === 'unknown'
        ? otherWords(entry.code)
        : entry.message;
    return {
      status: 200,
      body: { status: entry.code, msg, business: tokenSuccess.business, data: null },
    };
  };

  function handleToken(raw: Buffer): Answer {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return tokenError('invalidParameter');
    }
    if (typeof body !== 'object' || body === null) return tokenError('invalidParameter');
    const { appKey, encryption, timestamp } = body;
    if (appKey === undefined || encryption === undefined || timestamp === undefined) {
      return tokenError('emptyParameter');
    }
    if (
      typeof timestamp !== 'number' ||
      typeof appKey !== 'string' ||
      typeof encryption !== 'string'
    ) {
      return tokenError('invalidParameter');
    }
    if (appKey !== APP_KEY) return tokenError('appKeyNotFound');
    if (sha256(`${appKey}${timestamp}${secret}`) !== encryption)
      return tokenError('invalidEncryption');
    if (encryptions.has(encryption)) return tokenError('duplicatedEncryption');
    encryptions.add(encryption);
    if (options.collide?.(fresh++)) return tokenError('duplicatedEncryption');
    const issued = `${TOKEN_PREFIX}${randomUUID()}`;
    tokens.add(issued);
    return {
      status: 200,
      body: { ...tokenSuccess, data: { accessToken: issued, expire: tokenSuccess.data.expire } },
    };
  }

  function authentic(req: IncomingMessage, query: URLSearchParams, raw: Buffer): boolean {
    const accessToken = req.headers['apim-accesstoken'];
    const signature = req.headers['apim-signature'];
    const timestamp = req.headers['apim-timestamp'];
    if (
      typeof accessToken !== 'string' ||
      typeof signature !== 'string' ||
      typeof timestamp !== 'string'
    ) {
      return false;
    }
    if (!tokens.has(accessToken)) return false;
    const sorted = [...query].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const signData = `${accessToken}${sorted.map(([k, v]) => k + v).join('')}${raw.toString('utf8')}${timestamp}${secret}`;
    return sha256(signData) === signature;
  }

  const namedFlows: unknown[] = [];
  function handleTrigger(req: IncomingMessage, query: URLSearchParams, raw: Buffer): Answer {
    try {
      const named = (JSON.parse(raw.toString('utf8')) as { flowId?: unknown } | null)?.flowId;
      if (named !== undefined) namedFlows.push(named);
    } catch {
      // not JSON: names no flow
    }
    if (!is('auth-not-enforced') && !authentic(req, query, raw)) return gatewayAnswer(401);
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      if (is('5xx-on-junk-body')) return { status: 500, body: { message: 'NullPointerException' } };
      if (is('junk-body-accepted')) return success(FLOW, 0);
      return business('invalidRequestBody');
    }
    const { flowId, triggerTime } = (body ?? {}) as Record<string, unknown>;
    if (
      !Number.isInteger(flowId) ||
      !Number.isInteger(triggerTime) ||
      (flowId as number) < 1 ||
      (flowId as number) > 2 ** 31 - 1 ||
      !Number.isSafeInteger(triggerTime)
    ) {
      if (is('junk-body-accepted')) return success(FLOW, 0);
      return business('invalidRequestBody');
    }
    if (query.get('userId') === LOCKED_USER && query.get('orgId') === ORG) {
      return business('userLocked');
    }
    if (query.get('userId') !== USER || query.get('orgId') !== ORG) return business('userNotInOrg');
    if (flowId === FOREIGN_FLOW) return business('noPrivilege');
    if (flowId === LOCKED_FLOW && !is('locked-flow-accepted')) return business('workflowLocked');
    if (flowId === NO_TASK_FLOW) return business('noTask');
    if (flowId !== FLOW && flowId !== LOCKED_FLOW) return business('cannotCreateInstance');
    const id = instanceId(flowId, triggerTime as number);
    if (instances.has(id) && !is('duplicates-accepted')) return business('cannotCreateInstance');
    instances.add(id);
    return success(flowId, triggerTime as number);
  }

  function instanceId(flowId: number, time: number): string {
    const iso = new Date(time).toISOString();
    return `${flowId}-${iso.slice(0, 16).replace(/[-T:]/g, '')}00`;
  }

  function success(flowId: number, time: number): Answer {
    let id = instanceId(flowId, time);
    if (is('malformed-instance-id')) id = `${flowId}_${id.slice(String(flowId).length + 1)}`;
    if (is('instance-id-of-another-flow')) id = instanceId(flowId + 1, time);
    instanceOps.record(id, flowId, time);
    const status = is('wrong-status') ? 201 : 200;
    if (is('v2-envelope'))
      return { status, body: { status: 0, msg: ' Success', data: { flowInstanceId: id } } };
    const { data: _data, ...envelope } = triggerSuccess;
    if (is('missing-data')) return { status, body: envelope };
    if (is('code-as-string'))
      return { status, body: { ...envelope, code: '0', data: { flowInstanceId: id } } };
    return { status, body: { ...envelope, data: { flowInstanceId: id } } };
  }

  const requests: string[] = [];
  async function route(req: IncomingMessage): Promise<Answer> {
    const url = new URL(req.url ?? '/', 'http://reference');
    requests.push(url.pathname);
    const raw = await readBody(req);
    if (raw === 'too-large') return gatewayAnswer(413);
    if (req.method === 'POST' && url.pathname === token.path) return handleToken(raw);
    if (
      req.method === 'POST' &&
      url.pathname === trigger.path &&
      url.searchParams.get('action') === 'trigger'
    ) {
      return handleTrigger(req, url.searchParams, raw);
    }
    const call = {
      method: req.method ?? 'GET',
      url,
      raw,
      authentic: authentic(req, url.searchParams, raw),
    };
    return (
      instanceOps.route(call) ??
      options.extra?.(call) ?? { status: 404, body: { message: 'no route' } }
    );
  }

  const huge = { answers: 0, bytes: 0, mostInOne: 0 };
  /** Write HUGE_BYTES of whitespace, a chunk each time the client takes the last. */
  function streamHuge(res: ServerResponse): void {
    huge.answers += 1;
    let sent = 0;
    let hungUp = false;
    res.on('close', () => {
      hungUp = true;
    });
    res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
    const pump = () => {
      while (sent < HUGE_BYTES && !hungUp) {
        sent += HUGE_CHUNK.length;
        huge.bytes += HUGE_CHUNK.length;
        huge.mostInOne = Math.max(huge.mostInOne, sent);
        if (!res.write(HUGE_CHUNK)) {
          res.once('drain', pump);
          return;
        }
      }
      if (!hungUp) res.end('{}');
    };
    pump();
  }

  const hostile = options.hostile;
  const server = createServer((req, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://reference').pathname;
    if (hostile === 'silent' || (hostile === 'silent-after-token' && path !== token.path)) {
      requests.push(path);
      req.resume(); // read the request, answer nothing
      return;
    }
    if (hostile === 'trickle-trigger' && path === trigger.path) {
      requests.push(path);
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
      const timer = setInterval(() => res.write(' '), 100);
      res.on('close', () => clearInterval(timer));
      return;
    }
    if (
      (hostile === 'huge-trigger' && path === trigger.path) ||
      (hostile === 'huge-token' && path === token.path)
    ) {
      requests.push(path);
      req.resume();
      req.on('end', () => streamHuge(res));
      return;
    }
    route(req)
      .catch((): Answer => ({ status: 500, body: { message: 'reference server error' } }))
      .then((answer) => {
        const text = JSON.stringify(answer.body);
        const type = is('wrong-content-type') ? 'text/plain' : 'application/json;charset=UTF-8';
        res.writeHead(answer.status, {
          'content-type': answer.contentType ?? type,
          'content-length': Buffer.byteLength(text),
        });
        res.end(text);
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    huge,
    requests,
    namedFlows,
    takeMinute: (minuteStart) => {
      instances.add(instanceId(FLOW, minuteStart));
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A message for `code` in words of its own, none of the contract's. */
function otherWords(code: number): string {
  return `Request refused by the gateway (reason ${code}).`;
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? 'too-large' : Buffer.concat(chunks)));
  });
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
