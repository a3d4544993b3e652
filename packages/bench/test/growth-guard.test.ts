/**
 * The growth figures time only what they say: a fill must leave the sandbox holding exactly the
 * instances triggered, the timed read must leave none unfinished, and the timed list must match
 * every instance and answer a full page. Checked against a real sandbox, which passes, and
 * against stand-ins that break one promise each, which must be refused.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Sandbox, startSandbox } from '@enos-trigger/sandbox';
import { operationMatcher, successExample } from '@enos-trigger/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LIST_CODE_FIELD,
  LIST_FIELDS,
  LIST_OPERATION,
  TRIGGER_OPERATION,
} from '../src/contract.js';
import { measureListGrowth, measureSettleGrowth } from '../src/figures/growth.js';
import {
  ALL_STATUS_CODES,
  InstancesSandbox,
  RUN_MS,
  UNFINISHED_STATUS_CODES,
} from '../src/growth/instances-sandbox.js';
import { quickProfile } from '../src/profile.js';

const profile = { ...quickProfile, growth: { instances: 80, settleRounds: 1, listRounds: 1 } };
const quiet = () => {};

/** One broken promise of a stand-in sandbox. */
interface Lie {
  /** The list counts this many instances fewer than were triggered. */
  holdsFewer?: number;
  /** Its instances stay unfinished whatever the clock says. */
  neverSettles?: boolean;
  /** The list answers an empty page. */
  emptyPage?: boolean;
}

const matcher = operationMatcher();

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => resolve(body));
  });
}

/** A server that answers the contract's operations and the control API as the sandbox would, but for `lie`. */
async function standIn(lie: Lie): Promise<{ url: string; server: Server }> {
  let triggered = 0;
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const body = await readBody(request);
    const operation = matcher(request.method ?? '', url.pathname, url.searchParams);
    let answer: unknown = {};
    if (url.pathname.startsWith('/__sandbox/reset')) triggered = 0;
    if (operation === TRIGGER_OPERATION) triggered += 1;
    if (operation === LIST_OPERATION) {
      const unfinished =
        (JSON.parse(body) as { status: string }).status === UNFINISHED_STATUS_CODES.join(',');
      const count = unfinished && !lie.neverSettles ? 0 : triggered - (lie.holdsFewer ?? 0);
      const page = lie.emptyPage ? [] : Array.from({ length: Math.min(10, count) }, () => ({}));
      answer = {
        [LIST_CODE_FIELD]: 0,
        msg: 'OK',
        data: { [LIST_FIELDS.page]: page, [LIST_FIELDS.count]: count },
      };
    } else if (operation) {
      answer = successExample(operation).value;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const servers: Server[] = [];
async function standIns(lie: Lie) {
  const [small, large] = await Promise.all([standIn(lie), standIn(lie)]);
  servers.push(small.server, large.server);
  return { small: new InstancesSandbox(small.url), large: new InstancesSandbox(large.url) };
}
afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('against a real sandbox on a manual clock', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, clock: 'manual' });
  });
  afterAll(() => sandbox.close());

  it('fills it with exactly the instances triggered, and one read settles them all', async () => {
    const instances = new InstancesSandbox(sandbox.url);
    const filled = await instances.fill(50);
    expect(filled.count).toBe(50);
    const unfinished = {
      from: filled.from,
      to: filled.to,
      statusCodes: UNFINISHED_STATUS_CODES,
      pageNo: 1,
    };
    expect(await instances.count(unfinished)).toBe(50);
    await instances.advance(51 * RUN_MS);
    await instances.timedRead(await instances.signedRead(filled.firstId), 'the read');
    expect(await instances.count(unfinished)).toBe(0);
    expect(await instances.count({ ...unfinished, statusCodes: ALL_STATUS_CODES })).toBe(50);
  });
});

describe('against stand-ins', () => {
  it('measures both figures when the stand-in keeps its promises', async () => {
    const sandboxes = await standIns({});
    await expect(measureSettleGrowth(profile, sandboxes, quiet)).resolves.toMatchObject({
      unit: 'ms',
    });
    await expect(measureListGrowth(profile, sandboxes, quiet)).resolves.toMatchObject({
      unit: 'ms',
    });
  });

  it('refuses a fill after which the sandbox holds fewer instances than were triggered', async () => {
    const { small } = await standIns({ holdsFewer: 1 });
    await expect(small.fill(20)).rejects.toThrow(
      /holds 19 instances after the bench triggered 20 new ones/,
    );
  });

  it('refuses a settle after which instances are still unfinished', async () => {
    const sandboxes = await standIns({ neverSettles: true });
    await expect(measureSettleGrowth(profile, sandboxes, quiet)).rejects.toThrow(
      /still unfinished after the clock moved past the last one's end/,
    );
  });

  it('refuses a list that does not answer a full page of every instance', async () => {
    const sandboxes = await standIns({ emptyPage: true });
    await expect(measureListGrowth(profile, sandboxes, quiet)).rejects.toThrow(
      /answered 10 matches and a page of 0, not 10 and 10/,
    );
  });
});
