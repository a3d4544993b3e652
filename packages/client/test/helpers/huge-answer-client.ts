/**
 * Run as a child process (tsx) by hostile-servers.test.ts, so that what it measures is the
 * client alone: one trigger against the server at argv[2], whose answer is 2 GiB long, with
 * `timeoutMs` 60000 as in the report that found the bug. Prints one JSON line: the result,
 * the time the call took, the resident set size before it and at its peak (sampled every 5 ms,
 * and the kernel's own maximum). Past argv[3] bytes of RSS (default 1 GiB) it stops itself,
 * so that a client that reads whole bodies cannot take the machine down with it.
 */
import { SEED, scriptClient } from './clients.js';

const [url = '', ceiling = `${2 ** 30}`] = process.argv.slice(2);
const baselineRss = process.memoryUsage.rss();
let sampledPeakRss = baselineRss;
const started = performance.now();
const report = (fields: object) => {
  const ms = Math.round(performance.now() - started);
  const maxRss = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ ms, baselineRss, sampledPeakRss, maxRss, ...fields }));
};
const sampler = setInterval(() => {
  sampledPeakRss = Math.max(sampledPeakRss, process.memoryUsage.rss());
  if (sampledPeakRss > Number(ceiling)) {
    report({ stopped: `RSS over ${ceiling} B` });
    process.exit(2);
  }
}, 5);

const client = scriptClient({ url }, { timeoutMs: 60_000 });
const result = await client.triggerFlow(SEED);
clearInterval(sampler);
report({ result });
