/**
 * What the mock's front costs: one Prism, called directly and through the front in alternating
 * rounds of the same valid Trigger Flow request, in this one run. Prints requests per second of
 * each and their ratio (front / direct); also how long reading and deriving the contract takes.
 *   npm run build && npx tsx scripts/bench-front.ts [--requests 2000] [--connections 10] [--rounds 3]
 */
import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';
import {
  contractFiles,
  findOperation,
  operationRoute,
  securityHeaderNames,
} from '@enos-trigger/spec';
// The built package: Prism runs from its compiled child script (npm run build first).
import { startForwarder } from '../dist/forwarder.js';
import { spawnPrism } from '../dist/prism-process.js';
import { readServedContract, writeDocumentFile } from '../dist/served-contract.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '2000' },
    connections: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
  },
});
const REQUESTS = Number(values.requests);
const CONNECTIONS = Number(values.connections);
const ROUNDS = Number(values.rounds);

const { method, path, fixedQuery } = operationRoute('triggerFlow');
const { operation } = findOperation('triggerFlow');
const query = new URLSearchParams(fixedQuery);
for (const parameter of operation.parameters ?? []) {
  if (parameter.in === 'query') query.set(parameter.name, String(parameter.example));
}
const body = JSON.stringify(operation.requestBody?.content['application/json']?.example);
const headers: Record<string, string> = {
  'content-type': 'application/json',
  'content-length': String(Buffer.byteLength(body)),
};
for (const name of securityHeaderNames('triggerFlow')) headers[name] = 'bench';

/** Requests per second of REQUESTS calls, CONNECTIONS at a time, each answered 200. */
async function rate(base: string): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const url = new URL(`${path}?${query}`, base);
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const sent = request(url, { method, headers, agent }, (answer) => {
        answer
          .resume()
          .on('end', () =>
            answer.statusCode === 200 ? resolve() : reject(new Error(`got ${answer.statusCode}`)),
          );
      });
      sent.on('error', reject);
      sent.end(body);
    });
  let left = REQUESTS;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (left-- > 0) await one();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return REQUESTS / seconds;
}

const median = (list: number[]) =>
  [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? 0;

const readStart = performance.now();
const served = await readServedContract(contractFiles.yaml);
const readMs = performance.now() - readStart;
const document = writeDocumentFile(served.document);
const prism = await spawnPrism(['mock', document.file, '--host', '127.0.0.1', '--port', '0'], {
  host: '127.0.0.1',
  port: 0,
});
void prism.exited.then(document.remove);
const front = await startForwarder({
  host: '127.0.0.1',
  port: 0,
  routing: served.front,
  targetName: 'Prism',
  hostHeader: 'client',
});
front.forwardTo(prism.url);
try {
  await rate(prism.url); // warm-up of both, not counted
  await rate(front.url);
  const direct: number[] = [];
  const fronted: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    direct.push(await rate(prism.url));
    fronted.push(await rate(front.url));
  }
  const line = (name: string, list: number[]) =>
    `${name.padEnd(16)} ${median(list).toFixed(0).padStart(6)} req/s (rounds: ${list.map((n) => n.toFixed(0)).join(', ')})`;
  console.log(`${REQUESTS} Trigger Flow requests, ${CONNECTIONS} connections, ${ROUNDS} rounds`);
  console.log(line('Prism directly', direct));
  console.log(line('through the front', fronted));
  console.log(`ratio front / direct: ${(median(fronted) / median(direct)).toFixed(2)}`);
  console.log(`reading and deriving the contract: ${readMs.toFixed(0)} ms (once, at start)`);
} finally {
  await front.close();
  await prism.close();
}
