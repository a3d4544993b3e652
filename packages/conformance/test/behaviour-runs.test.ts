/**
 * Whole runs with --behaviour, as the command runs them: against the bundled sandbox (its clock
 * moved by the lane, the Arazzo workflows run by Respect), where every rule passes; and against
 * a deployment in real time (the sandbox behind a proxy), where the lane's budget is printed
 * before the run's first request, an inferred rule broken warns and fails with --strict, and a
 * documented one fails the run. The lane's rows reach the terminal, report.md and junit.xml.
 */
import { describe, expect, it } from 'vitest';
import { type BehaviourBreak, LANE, startBehaviourServer } from './support/behaviour-server.js';
import { runCli } from './support/run-cli.js';
import { timedConform } from './support/timed-conform.js';

const RULES = ['Rule 1', 'Rule 2', 'Rule 3', 'Rule 4', 'Rule 5', 'Rule 6', 'Statuses', 'Waits'];

/** A run of the command against the sandbox behind the test proxy, in real time. */
async function runAgainst(broken: BehaviourBreak | undefined, ...extra: string[]) {
  const server = await startBehaviourServer({ runMs: 1200, ...(broken ? { broken } : {}) });
  try {
    const run = await timedConform(
      [
        '--server',
        server.url,
        '--app-key',
        LANE.app.appKey,
        '--foreign-user-id',
        LANE.foreignUserId,
        '--negative-runs',
        '1',
        '--behaviour',
        '--behaviour-timeout',
        '10',
        '--poll-interval',
        '0.15',
        ...extra,
      ],
      { ENOS_APP_SECRET: LANE.app.appSecret },
    );
    const budgetAt = run.printedAt('Behaviour lane (--behaviour), at most:');
    return { run, budgetAt, firstRequestAt: server.firstRequestAt };
  } finally {
    await server.close();
  }
}

describe('the bundled sandbox, --behaviour', () => {
  it('passes every rule and every Arazzo step, moving its clock instead of waiting', async () => {
    const run = await runCli(['--behaviour', '--negative-runs', '1']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.rows.filter((r) => r.status === 'fail' || r.status === 'warn')).toEqual([]);
    for (const rule of RULES) expect(run.row(rule).status, rule).toBe('pass');
    expect(run.row('Waits').text).toBe('');
    expect(run.stdout).toMatch(/Waits · .* in sandbox time \(its clock moved, nothing slept\)/);
    expect(run.row('Redocly Respect ran the Arazzo workflows').status).toBe('pass');
    const arazzo = run.rows.filter((r) => r.title.startsWith('Arazzo '));
    expect(arazzo.length).toBeGreaterThanOrEqual(10);
    expect(arazzo.every((r) => r.status === 'pass')).toBe(true);
    expect(run.row('Cleanup').status).toBe('pass');
    expect(run.stdout).toMatch(/Cleanup · .* — cancelled .* \(an Arazzo workflow's\)/);
    // The lane's rows in report.md, under their own sections.
    const report = run.reports['report.md'] ?? '';
    expect(report).toContain('## Behaviour lane\n');
    expect(report).toContain('## Behaviour lane: Arazzo workflows (Redocly Respect)');
    expect(report).toMatch(
      /\| PASS \| documented \| Rule 2 · one instance of a flow runs at a time/,
    );
    expect(run.stdout).toContain('[5/5] Behaviour lane');
  });
});

describe.concurrent('a deployment, in real time', () => {
  it('prints the budget before the first request; an inferred rule broken warns', async () => {
    const { run, budgetAt, firstRequestAt } = await runAgainst('foreign-get-answered');
    expect(run.code, run.output).toBe(0);
    expect(budgetAt).toBeDefined();
    expect(firstRequestAt).toBeDefined();
    expect(budgetAt as number).toBeLessThanOrEqual(firstRequestAt as number);
    expect(run.output).toMatch(
      /Behaviour lane \(--behaviour\), at most:\n {2}flow 3377: 4 instances \(A, B, C, D\)/,
    );
    expect(run.output).toContain(
      '1 of D as user other-user, which a server that keeps the contract refuses (rule 6)',
    );
    const rule6 = run.row('Rule 6');
    expect(rule6.status).toBe('warn');
    expect(rule6.text).toMatch(
      /^WARNING \(inferred, not failed without --strict\): \(inferred\) Get of D/,
    );
    // Respect's step of the same rule carries the same verdict, and so does the run's own Get
    // as --foreign-user-id (the catalog's 62103 of Get is inferred).
    expect(run.row('Arazzo otherUserRefused · getAsOther').status).toBe('warn');
    expect(run.row('Get Flow Instance · 62103 · not the owner').status).toBe('warn');
    expect(run.row('Cancel Flow Instance · 62103 · not the owner').status).toBe('pass');
    for (const rule of RULES.filter((r) => r !== 'Rule 6')) {
      expect(run.row(rule).status, `${rule}: ${run.row(rule).text}`).toBe('pass');
    }
    // The lane quotes what the server said: never the app's secret.
    expect(run.output + Object.values(run.reports).join('')).not.toContain(LANE.app.appSecret);
  });

  it('--strict fails the run on the same inferred rule', async () => {
    const { run } = await runAgainst('foreign-get-answered', '--strict');
    expect(run.code, run.output).toBe(1);
    expect(run.row('Rule 6').status).toBe('fail');
    expect(run.row('Rule 6').text).toContain('answered it as if it were theirs');
    expect(run.row('Arazzo otherUserRefused · getAsOther').status).toBe('fail');
    expect(run.rows.filter((r) => r.status === 'fail').map((r) => r.title.split(' · ')[0])).toEqual(
      ['Get Flow Instance', 'Rule 6', 'Arazzo otherUserRefused'],
    );
  });

  it('a documented rule broken fails the run, in every report', async () => {
    const { run } = await runAgainst('two-running');
    expect(run.code, run.output).toBe(1);
    const row = run.row('Rule 2');
    expect(row.status).toBe('fail');
    // Which two: whichever the polls first saw together, in real time on a loaded machine.
    expect(row.text).toMatch(/[A-D] \(\S+\) and [A-D] \(\S+\) were RUNNING at once/);
    expect(run.output).toMatch(/Failed \(\d+\):\nFAIL {2}documented {2}Rule 2 · /);
    expect(run.reports['report.md']).toMatch(
      /\| FAIL \| documented \| Rule 2 · .* were RUNNING at once/,
    );
    expect(run.reports['report.md']).toContain(
      'The rule: Trigger Flow: "The workflow only allows one instance',
    );
  });
});
