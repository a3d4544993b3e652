/** The command line's own contract: help, and usage errors that exit 2 before measuring. */
import { describe, expect, it } from 'vitest';
import { GROUP_NAMES } from '../src/groups.js';
import { runCli } from './support/cli.js';

describe('enos-trigger-bench usage', () => {
  it('--help lists every option and group, and exits 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const text of ['--quick', '--only', '--out', ...GROUP_NAMES])
      expect(run.stdout).toContain(text);
  });

  it('--help wins over a wrong option, and measures nothing', async () => {
    const run = await runCli(['--only', 'speed', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--only GROUPS');
    expect(run.stderr).toBe('');
  });

  it.each([
    [['--only', 'speed'], /--only takes groups among/],
    [['--only', ''], /--only takes groups among/],
    [['--fast'], /Unknown option '--fast'/],
    [['extra'], /Unexpected argument 'extra'/],
    [['--out'], /--out/],
  ])('%j exits 2 and says what is wrong', async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('Run enos-trigger-bench --help for the usage.');
    expect(run.stdout).toBe('');
  });
});
