/**
 * Figures 4: wall time of a full conformance run (`enos-trigger-conformance --server URL`)
 * against the sandbox, next to a bare Dredd run of the same bundled contract against the same
 * sandbox. Both are timed as a user runs them: a fresh process each, start-up included. Each
 * round gets a fresh sandbox, and the order of the two alternates between rounds.
 */
import { tmpdir } from 'node:os';
import { contractFiles } from '@enos-trigger/spec';
import { type Figure, figure, median } from '../figure.js';
import { runTimed, type TimedRun } from '../processes.js';
import type { Profile } from '../profile.js';
import { startSandboxServer } from '../servers/start.js';
import type { Credentials } from '../trigger-request.js';
import { binPath, childEnv } from '../workspace.js';

type Runner = (url: string) => Promise<TimedRun>;

function conformanceRunner(profile: Profile, credentials: Credentials): Runner {
  const cli = binPath('@enos-trigger/conformance', 'enos-trigger-conformance');
  // The secret goes through the environment, as the suite's README asks (not the process list).
  const env = childEnv({
    ENOS_APP_KEY: credentials.appKey,
    ENOS_APP_SECRET: credentials.appSecret,
  });
  return async (url) => {
    const run = await runTimed(
      'enos-trigger-conformance',
      process.execPath,
      [cli, '--server', url],
      {
        cwd: tmpdir(),
        env,
        timeoutMs: profile.conformance.timeoutMs,
      },
    );
    if (run.exitCode !== 0) {
      throw new Error(
        `enos-trigger-conformance exited ${run.exitCode} against the sandbox:\n${run.output}`,
      );
    }
    return run;
  };
}

function dreddRunner(profile: Profile): Runner {
  const cli = binPath('dredd', 'dredd');
  return async (url) => {
    const run = await runTimed('dredd', process.execPath, [cli, contractFiles.yaml, url], {
      cwd: tmpdir(),
      env: childEnv(),
      timeoutMs: profile.conformance.timeoutMs,
    });
    // Bare Dredd sends no APIM headers, so the signed transactions fail (exit 1): it still ran.
    if (run.exitCode !== 0 && run.exitCode !== 1) {
      throw new Error(`dredd exited ${run.exitCode}:\n${run.output}`);
    }
    return run;
  };
}

/** Dredd's closing count, e.g. "complete: 0 passing, 13 failing, 0 errors, 0 skipped, 13 total". */
function dreddSummary(output: string): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: Dredd colours its output.
  const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
  return /complete: \d+ passing.*total/.exec(plain)?.[0];
}

export async function measureConformance(
  profile: Profile,
  credentials: Credentials,
  log: (line: string) => void,
): Promise<{ conformance_seconds: Figure; conformance_vs_dredd: Figure }> {
  const runners = {
    conformance: conformanceRunner(profile, credentials),
    dredd: dreddRunner(profile),
  };
  const seconds = { conformance: [] as number[], dredd: [] as number[] };
  let dreddResult: string | undefined;
  for (let round = 0; round < profile.conformance.rounds; round++) {
    const sandbox = await startSandboxServer();
    try {
      const order =
        round % 2 === 0 ? (['conformance', 'dredd'] as const) : (['dredd', 'conformance'] as const);
      for (const name of order) {
        const run = await runners[name](sandbox.url);
        seconds[name].push(run.seconds);
        if (name === 'dredd') dreddResult = dreddSummary(run.output);
      }
    } finally {
      await sandbox.stop();
    }
    log(
      `  conformance round ${round + 1}/${profile.conformance.rounds}: suite ${seconds.conformance.at(-1)?.toFixed(2)} s, bare Dredd ${seconds.dredd.at(-1)?.toFixed(2)} s`,
    );
  }
  const value = median(seconds.conformance);
  const baseline = median(seconds.dredd);
  const common = {
    value,
    baseline,
    unit: 's',
    valueLabel: 'enos-trigger-conformance',
    baselineLabel: 'bare dredd',
    detail: {
      rounds: profile.conformance.rounds,
      conformanceSeconds: seconds.conformance,
      dreddSeconds: seconds.dredd,
      dreddResult: dreddResult ?? 'no summary line',
      target: 'a fresh sandbox per round (enos-trigger-sandbox --port 0), 127.0.0.1',
    },
    note: `Wall time of each command, process start-up included, against a fresh sandbox. Bare Dredd signs nothing and checks only example keys: ${dreddResult ?? 'no summary line'}.`,
  };
  return {
    conformance_seconds: figure({ ...common, goal: { on: 'value', atMost: 5 } }),
    conformance_vs_dredd: figure({ ...common, goal: { on: 'ratio', atMost: 4 } }),
  };
}
