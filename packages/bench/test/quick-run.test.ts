/**
 * The smoke run of `npm run bench -- --quick`: the harness still measures every figure. Its
 * figures are not checked against their goals (a shared machine is too noisy for that), only
 * that each was measured and reported in full.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultFixtures } from '@enos-trigger/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIGURE_GROUPS } from '../src/groups.js';
import { describeMix, MIX } from '../src/mix/plan.js';
import type { BenchResult } from '../src/run.js';
import { isAlive } from './support/alive.js';
import { type CliRun, runCli } from './support/cli.js';

const KEYS = Object.values(FIGURE_GROUPS).flat();
const dir = mkdtempSync(join(tmpdir(), 'enos-bench-test-'));
const out = join(dir, 'latest.json');
let run: CliRun;
let result: BenchResult;

beforeAll(async () => {
  run = await runCli(['--quick', '--out', out]);
  result = JSON.parse(readFileSync(out, 'utf8')) as BenchResult;
}, 150_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('enos-trigger-bench --quick', () => {
  it('measures every figure and exits 0', () => {
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(result.run.mode).toBe('quick');
  });

  it.each(KEYS)(
    'writes %s with a numeric value, baseline and ratio, a goal and a verdict',
    (key) => {
      const figure = result[key];
      expect(figure, `${key}: ${JSON.stringify(figure)}`).toMatchObject({
        value: expect.any(Number),
        baseline: expect.any(Number),
        ratio: expect.any(Number),
        goal: expect.any(String),
        met: expect.any(Boolean),
      });
      const { value, baseline, ratio } = figure as {
        value: number;
        baseline: number;
        ratio: number;
      };
      expect(value).toBeGreaterThan(0);
      expect(baseline).toBeGreaterThan(0);
      expect(ratio).toBeCloseTo(value / baseline, 9);
    },
  );

  it('prints one table row per figure, with its ratio and verdict', () => {
    for (const key of KEYS) {
      expect(run.stdout).toMatch(
        new RegExp(`^\\| ${key} +\\|.*\\| [0-9.,]+× +\\|.*\\| (yes|NO) +\\|$`, 'm'),
      );
    }
    expect(run.stdout).toContain('the sandbox answers every repeat with');
  });

  it('measures the sandbox on the stated mix, and checks after the run that its triggers were new', () => {
    expect(run.stdout).toContain(`Mix ${describeMix(MIX)}`);
    expect(run.stdout).toMatch(/Handed out: 40\.\d\/40\.\d\/20\.\d %/);
    expect(run.stdout).toMatch(/10 of its [0-9]+ new triggers sent again: each the duplicate now/);
  });

  it('times the growth figures only once each sandbox held exactly the instances triggered', () => {
    expect(run.stdout).toContain(
      'Checked: each sandbox held exactly its instances, and none was unfinished after the read.',
    );
    expect(run.stdout).toContain(
      'Checked: each answer counted every instance and gave a full page.',
    );
  });

  it('leaves no process behind: every server and command it started has ended', () => {
    const labels = result.run.processes.map((started) => started.label);
    expect(labels).toEqual(
      expect.arrayContaining([
        'the bare server',
        'the sandbox',
        'the sandbox (manual clock)',
        'Prism (the mock)',
        'dredd',
      ]),
    );
    expect(result.run.processes.filter((started) => isAlive(started.pid))).toEqual([]);
  });

  it('never prints or writes the app secret', () => {
    const [app] = defaultFixtures.apps;
    const secret = app?.appSecret as string;
    expect(secret.length).toBeGreaterThan(0);
    for (const text of [run.stdout, run.stderr, readFileSync(out, 'utf8')]) {
      expect(text).not.toContain(secret);
    }
  });
});
