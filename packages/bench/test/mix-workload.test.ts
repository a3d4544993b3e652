/**
 * The mix measures what it says only if the sandbox accepts it: new triggers start instances,
 * reads find them, repeats are the contract's duplicate. Against the real sandbox a short run
 * passes every check; against servers that break one rule, preparing or checking the run fails
 * and says which.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Sandbox, startSandbox } from '@enos-trigger/sandbox';
import { type CatalogEntry, errorCatalog, type OperationId } from '@enos-trigger/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  INSTANCE_ID,
  READ_OPERATION,
  readRoute,
  TRIGGER_CODE_FIELD,
  TRIGGER_OPERATION,
  triggerRoute,
} from '../src/contract.js';
import { MixLoads } from '../src/figures/mix-loads.js';
import { CONNECTIONS, load } from '../src/load.js';
import { MixWorkload, READ_POOL } from '../src/mix/workload.js';
import type { SigningKey } from '../src/signed-request.js';
import { fetchAccessToken, sandboxCredentials } from '../src/trigger-request.js';

describe('the mix against the sandbox', () => {
  let sandbox: Sandbox;
  let key: SigningKey;
  let mix: MixWorkload;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    const credentials = sandboxCredentials();
    key = {
      accessToken: await fetchAccessToken(sandbox.url, credentials),
      appSecret: credentials.appSecret,
    };
    mix = await MixWorkload.prepare(sandbox.url, key);
  });
  afterAll(() => sandbox.close());

  it('makes the instances it reads before measuring, and finds the duplicate in the catalog', () => {
    expect(mix.instanceIds).toHaveLength(READ_POOL);
    expect(new Set(mix.instanceIds).size).toBe(READ_POOL);
    const made = sandbox.flows().flatMap((flow) => flow.instances.map((i) => i.flowInstanceId));
    expect(made).toEqual(expect.arrayContaining([...mix.instanceIds]));
    expect(errorCatalog(TRIGGER_OPERATION)).toContainEqual(mix.duplicate);
  });

  it('a measured run starts a new instance with each trigger, and its checks pass', async () => {
    const before = sandbox.flows().reduce((sum, flow) => sum + flow.instances.length, 0);
    // Far more than a second of one process serving and loading itself can ask for.
    const run = await mix.sandboxRun(100_000);
    const measured = await load(sandbox.url, { mix: run.source }, 1);
    expect(measured.non2xx).toBe(0);
    expect(measured.errors).toBe(0);
    expect(await mix.verify(run, CONNECTIONS)).toMatch(/each the duplicate now/);
    const { trigger, read, duplicate } = run.source.counts;
    expect(trigger).toBeGreaterThan(10);
    // The pattern's cycle is five requests: the counts are 2:2:1 give or take one cycle.
    expect(Math.abs(read - trigger)).toBeLessThanOrEqual(1);
    expect(Math.abs(trigger - 2 * duplicate)).toBeLessThanOrEqual(2);
    const after = sandbox.flows().reduce((sum, flow) => sum + flow.instances.length, 0);
    // Every trigger handed out made an instance, bar those cut off in flight when the run stopped.
    expect(after - before).toBeGreaterThanOrEqual(trigger - CONNECTIONS);
    expect(after - before).toBeLessThanOrEqual(trigger);
  });

  it('runs once more, with more triggers, when the sandbox outran those signed for it', async () => {
    const lines: string[] = [];
    const loads = new MixLoads(mix, { sandbox: sandbox.url, bare: sandbox.url }, (line) =>
      lines.push(line),
    );
    // A pace of 1 request a second: one new trigger signed for a run of a second.
    const measured = await loads.sandbox(1, 1);
    expect(lines[0]).toMatch(/outran the 1 new triggers signed for its run: once more/);
    expect(measured.requestsPerSecond).toBeGreaterThan(0);
  });

  it('refuses a run whose triggers never reached the sandbox', async () => {
    const run = await mix.sandboxRun(100);
    for (let index = 0; index < 50; index++) run.source.next();
    await expect(mix.verify(run, CONNECTIONS)).rejects.toThrow(
      /sent again after the run, got HTTP 200, code 0 .*the run did not start that instance/,
    );
  });

  it('refuses a run that asked for more triggers than were signed for it', async () => {
    const run = await mix.sandboxRun(5);
    for (let index = 0; index < 20; index++) run.source.next();
    expect(run.source.exhausted).toBeGreaterThan(0);
    await expect(mix.verify(run, CONNECTIONS)).rejects.toThrow(
      /asked for more requests than the mix had signed/,
    );
  });
});

/** A stand-in for the sandbox that breaks one rule of the mix. */
type Breaks = 'refuses new triggers' | 'accepts every repeat' | 'finds no instance';

/** An answer of the contract's catalog, by its example name. */
function catalogEntry(operation: OperationId, name: string): CatalogEntry {
  const entry = errorCatalog(operation).find((candidate) => candidate.name === name);
  if (!entry) throw new Error(`The contract's ${operation} has no "${name}" example.`);
  return entry;
}
const DUPLICATE = catalogEntry(TRIGGER_OPERATION, 'cannotCreateInstance');
const NO_PRIVILEGE = catalogEntry(TRIGGER_OPERATION, 'noPrivilege');
const NOT_FOUND = catalogEntry(READ_OPERATION, 'instanceNotFound');

function brokenSandbox(breaks: Breaks): Server {
  const seen = new Set<string>();
  return createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const path = request.url?.split('?')[0];
      let answer: unknown = { [TRIGGER_CODE_FIELD]: 0, msg: 'OK', data: {} };
      if (path === triggerRoute.path) {
        const repeat = seen.has(body) && breaks !== 'accepts every repeat';
        seen.add(body);
        answer =
          breaks === 'refuses new triggers'
            ? NO_PRIVILEGE.value
            : repeat
              ? DUPLICATE.value
              : {
                  [TRIGGER_CODE_FIELD]: 0,
                  msg: 'OK',
                  data: { [INSTANCE_ID.field]: `i-${seen.size}` },
                };
      } else if (path === readRoute.path && breaks === 'finds no instance') {
        answer = NOT_FOUND.value;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer));
    });
  });
}

describe('the mix against a server that breaks its rules', () => {
  const key = { accessToken: 'token', appSecret: 'secret' };

  it.each<[Breaks, string | RegExp]>([
    [
      'refuses new triggers',
      `refused a trigger of a new instance (HTTP 200, code ${NO_PRIVILEGE.code})`,
    ],
    [
      'finds no instance',
      `did not answer a read of instance i-1, made a moment before, with the instance (HTTP 200, code ${NOT_FOUND.code})`,
    ],
    ['accepts every repeat', /answered a same-minute repeat of a trigger with HTTP 200, code 0/],
  ])('a server that %s is not measured', async (breaks, message) => {
    const server = brokenSandbox(breaks);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await expect(MixWorkload.prepare(url, key)).rejects.toThrow(message);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
