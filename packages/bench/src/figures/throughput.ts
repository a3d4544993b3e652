/**
 * Figure 1: throughput and p99 latency of the sandbox against the Prism mock and a bare
 * node:http server, all answering the same signed Trigger Flow request. autocannon runs in this
 * process; every server runs in its own (the sandbox's CLI, Prism, the bare server), so the
 * load generator never shares an event loop with the server it measures.
 */
import { REASON_HEADER } from '@enos-trigger/sandbox';
import { errorCatalog } from '@enos-trigger/spec';
import autocannon from 'autocannon';
import { TRIGGER_CODE_FIELD, TRIGGER_OPERATION } from '../contract.js';
import { type Figure, figure, median } from '../figure.js';
import type { Profile } from '../profile.js';
import type { SignedRequest } from '../trigger-request.js';

export type ServerName = 'sandbox' | 'prism' | 'bare';

export type ServerUrls = Record<ServerName, string>;

interface Load {
  requestsPerSecond: number;
  p99Ms: number;
  /** Answers that were not 2xx, and connection errors or timeouts: 0 in a sound run. */
  non2xx: number;
  errors: number;
}

async function load(url: string, request: SignedRequest, seconds: number): Promise<Load> {
  const result = await autocannon({
    url: new URL(request.target, url).href,
    method: request.method as autocannon.Request['method'],
    headers: request.headers,
    body: request.body,
    connections: 10,
    duration: seconds,
  });
  return {
    requestsPerSecond: result['2xx'] / result.duration,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

interface Answer {
  status: number;
  /** The envelope's outcome code (0: started). */
  code: unknown;
  msg?: string;
  reason: string | null;
}

async function send(url: string, request: SignedRequest): Promise<Answer> {
  const response = await fetch(new URL(request.target, url), {
    method: request.method,
    headers: request.headers,
    body: request.body,
  });
  const answer = (await response.json()) as Record<string, unknown> & { msg?: string };
  return {
    status: response.status,
    code: answer[TRIGGER_CODE_FIELD],
    msg: answer.msg,
    reason: response.headers.get(REASON_HEADER),
  };
}

/** The request is measured only where it is accepted: a 401 per request would prove nothing. */
async function checkAccepted(servers: ServerUrls, request: SignedRequest): Promise<void> {
  for (const [name, url] of Object.entries(servers)) {
    const answer = await send(url, request);
    if (answer.status !== 200 || answer.code !== 0) {
      throw new Error(
        `${name} refused the benchmark's trigger request (HTTP ${answer.status}, code ${answer.code}${answer.reason ? `: ${answer.reason}` : ''}); nothing was measured.`,
      );
    }
  }
}

/**
 * What the sandbox answers the repeats: the contract's duplicate-trigger error, reached after
 * authentication, request validation and the state checks.
 */
async function sandboxRepeatAnswer(url: string, request: SignedRequest): Promise<string> {
  const answer = await send(url, request);
  const known = errorCatalog(TRIGGER_OPERATION).some(
    (entry) => entry.code === answer.code && entry.message === answer.msg,
  );
  if (answer.status !== 200 || !known) {
    throw new Error(
      `The sandbox answered a repeat with HTTP ${answer.status}, code ${answer.code}: not a business error of the contract.`,
    );
  }
  return `${answer.code} "${answer.msg}" (${answer.reason ?? 'no reason given'})`;
}

export async function measureThroughput(
  profile: Profile,
  servers: ServerUrls,
  request: SignedRequest,
  log: (line: string) => void,
): Promise<{ sandbox_vs_prism: Figure; sandbox_vs_bare: Figure }> {
  const { rounds, warmupSeconds, durationSeconds } = profile.throughput;
  await checkAccepted(servers, request);
  const names: ServerName[] = ['sandbox', 'prism', 'bare'];
  const runs: Record<ServerName, Load[]> = { sandbox: [], prism: [], bare: [] };
  // Once per server: its process stays up between rounds, so its JIT stays warm.
  for (const name of names) await load(servers[name], request, warmupSeconds);
  for (let round = 0; round < rounds; round++) {
    // Each round starts with another server, so no server always runs on a warmer machine.
    const order = names.map((_, index) => names[(index + round) % names.length] as ServerName);
    for (const name of order) {
      const measured = await load(servers[name], request, durationSeconds);
      runs[name].push(measured);
      log(
        `  throughput round ${round + 1}/${rounds} ${name}: ${Math.round(measured.requestsPerSecond)} req/s, p99 ${measured.p99Ms} ms`,
      );
    }
  }
  const repeatAnswer = await sandboxRepeatAnswer(servers.sandbox, request);
  const summary = Object.fromEntries(
    names.map((name) => [
      name,
      {
        requestsPerSecond: median(runs[name].map((run) => run.requestsPerSecond)),
        p99Ms: median(runs[name].map((run) => run.p99Ms)),
        non2xx: runs[name].reduce((sum, run) => sum + run.non2xx, 0),
        errors: runs[name].reduce((sum, run) => sum + run.errors, 0),
        rounds: runs[name].map((run) => Math.round(run.requestsPerSecond)),
      },
    ]),
  ) as Record<ServerName, Load & { rounds: number[] }>;
  for (const name of names) {
    if (summary[name].requestsPerSecond === 0) throw new Error(`${name} answered no 2xx at all.`);
  }
  const detail = {
    p99Ms: { sandbox: summary.sandbox.p99Ms, prism: summary.prism.p99Ms, bare: summary.bare.p99Ms },
    perServer: summary,
    connections: 10,
    secondsPerRun: durationSeconds,
    rounds,
    sandboxRepeatAnswer: repeatAnswer,
  };
  const p99 = detail.p99Ms;
  const note = `p99 latency: sandbox ${p99.sandbox} ms, Prism ${p99.prism} ms, bare ${p99.bare} ms. One request, signed once, went to every server; the first trigger succeeded everywhere, then the sandbox answers every repeat with ${repeatAnswer}: the same minute's duplicate, reached after authentication, validation and the state checks (no option makes a repeat of the same signed bytes succeed). Prism and the bare server answer the success every time.`;
  const common = { unit: 'req/s', valueLabel: 'sandbox', detail, note };
  return {
    sandbox_vs_prism: figure({
      ...common,
      value: summary.sandbox.requestsPerSecond,
      baseline: summary.prism.requestsPerSecond,
      baselineLabel: 'Prism mock',
      goal: { on: 'ratio', atLeast: 10 },
    }),
    sandbox_vs_bare: figure({
      ...common,
      value: summary.sandbox.requestsPerSecond,
      baseline: summary.bare.requestsPerSecond,
      baselineLabel: 'bare node:http',
      goal: { on: 'ratio', atLeast: 0.5 },
    }),
  };
}
