/**
 * Figure 5: a cold `turbo run build --force` (every task run, the cache ignored) against a warm
 * `turbo run build` right after it (every task a cache hit), through the repository's
 * scripts/turbo.sh so that no tool phones home. Goal: warm at most 5 % of cold.
 */
import { join } from 'node:path';
import { type Figure, figure, median } from '../figure.js';
import { runTimed, type TimedRun } from '../processes.js';
import type { Profile } from '../profile.js';
import { childEnv, repoRoot } from '../workspace.js';

interface Cached {
  cached: number;
  total: number;
  /** The tasks turbo executed: empty in a full cache hit. */
  missed: string[];
}

/** Turbo's closing "Cached:    3 cached, 5 total" line. */
export function cachedTasks(output: string): Cached | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: turbo colours its output.
  const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
  const found = /Cached:\s+(\d+) cached, (\d+) total/.exec(plain);
  const missed = [...plain.matchAll(/^(\S+): cache miss, executing/gm)].map(
    (miss) => miss[1] as string,
  );
  return found ? { cached: Number(found[1]), total: Number(found[2]), missed } : undefined;
}

async function turboBuild(profile: Profile, force: boolean): Promise<TimedRun & Cached> {
  const root = repoRoot();
  const args = [join(root, 'scripts', 'turbo.sh'), 'run', 'build', ...profile.build.filter];
  if (force) args.push('--force');
  const run = await runTimed('turbo run build', 'sh', args, {
    cwd: root,
    env: childEnv(),
    timeoutMs: profile.build.timeoutMs,
    // All of it: the tasks that missed the cache are named anywhere in it.
    keepLines: Number.POSITIVE_INFINITY,
  });
  const cached = cachedTasks(run.output);
  if (run.exitCode !== 0 || !cached) {
    throw new Error(
      `turbo run build ${force ? '--force ' : ''}failed (exit ${run.exitCode}):\n${run.output}`,
    );
  }
  return { ...run, ...cached };
}

export async function measureBuild(
  profile: Profile,
  log: (line: string) => void,
): Promise<{ build_warm_vs_cold: Figure }> {
  const cold = await turboBuild(profile, true);
  log(`  cold build: ${cold.seconds.toFixed(2)} s, ${cold.total} tasks`);
  const warm: (TimedRun & Cached)[] = [];
  for (let run = 0; run < profile.build.warmRuns; run++)
    warm.push(await turboBuild(profile, false));
  const scope =
    profile.build.filter.length > 0 ? profile.build.filter.join(' ') : 'the whole repository';
  const fullCacheHit = warm.every((run) => run.cached === run.total);
  const missed = [...new Set(warm.flatMap((run) => run.missed))];
  const tasks = `${cold.total} task${cold.total === 1 ? '' : 's'} (${scope})`;
  log(
    `  warm builds: ${warm.map((run) => `${run.seconds.toFixed(2)} s (${run.cached}/${run.total} cached)`).join(', ')}`,
  );
  return {
    build_warm_vs_cold: figure({
      value: median(warm.map((run) => run.seconds)),
      baseline: cold.seconds,
      unit: 's',
      valueLabel: 'warm turbo build',
      baselineLabel: 'cold (--force)',
      goal: { on: 'ratio', atMost: 0.05 },
      detail: {
        tasks: cold.total,
        scope,
        warmSeconds: warm.map((run) => run.seconds),
        fullCacheHit,
        warmMisses: missed,
      },
      note: fullCacheHit
        ? `${tasks}; every warm build was a full cache hit.`
        : `${tasks}; a warm build was NOT a full cache hit (${missed.join(', ') || 'unnamed tasks'} ran again): its inputs changed during the run, or it is not deterministic.`,
    }),
  };
}
