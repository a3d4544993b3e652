/**
 * One conformance run, start to end: resolve the target, plan (and print the trigger budget
 * before any request), run the checks (check-server.ts), then print the table and write the
 * reports. The Dredd worker is forked first, so that loading Dredd overlaps with the rest.
 */
import { mkdir } from 'node:fs/promises';
import type { RunOptions } from '../config/options.js';
import { UsageError } from '../config/usage-error.js';
import { contractView } from '../contract/view.js';
import { type DreddWorker, startDreddWorker } from '../dredd/driver.js';
import { planTransactions } from '../dredd/plan.js';
import { generateCases } from '../negative/cases.js';
import { budgetText, triggerBudget } from '../plan/budget.js';
import { firstTriggerTime, planTriggerTimes } from '../plan/trigger-times.js';
import { type CheckResult, summarize, toResult } from '../results/model.js';
import { Redactor } from '../results/redact.js';
import { writeReports } from '../results/reports.js';
import { progressLine, resultTable } from '../results/table.js';
import { resolveTarget } from '../target/resolve.js';
import { checkServer } from './check-server.js';
import { printDryRun } from './dry-run.js';

export interface Output {
  write(text: string): unknown;
}

export async function runConformance(options: RunOptions, out: Output): Promise<0 | 1> {
  const redactor = new Redactor();
  try {
    return await run(options, out, redactor);
  } catch (error) {
    // Whatever stops a run, its message reaches the terminal: it must not carry a secret.
    if (error instanceof UsageError) throw new UsageError(redactor.redact(error.message));
    const failure = new Error(redactor.redact((error as Error)?.message ?? String(error)));
    failure.stack = redactor.redact((error as Error)?.stack ?? failure.message);
    throw failure;
  }
}

async function run(options: RunOptions, out: Output, redactor: Redactor): Promise<0 | 1> {
  const startedAt = new Date();
  const print = (text: string) => out.write(`${redactor.redact(text)}\n`);
  const view = contractView();
  if (options.reportDir !== undefined && !options.dryRun) await reportDirReady(options.reportDir);
  const worker: DreddWorker | undefined = options.dryRun ? undefined : startDreddWorker();
  let target: Awaited<ReturnType<typeof resolveTarget>> | undefined;
  try {
    target = await resolveTarget(options);
    redactor.add(target.identity.appSecret);
    const { flows, identity } = target;
    const times = planTriggerTimes(startedAt.getTime());
    const firstMinute = times.candidateMinutes[0] as number;
    const plan = planTransactions(view, {
      ...flows,
      stateless: options.stateless,
      oversizeBytes: options.oversizeBytes,
    });
    const cases = generateCases(view, options.negativeRuns, options.seed, {
      flowId: flows.flowId,
      triggerTime: firstTriggerTime(firstMinute),
    });
    const laneSize = [...cases.values()].reduce((n, list) => n + list.length, 0);
    print(`enos-trigger-conformance: ${target.label}`);
    print(`Contract: ${view.document.info.title} ${view.document.info.version}`);
    print('What this run may trigger (before it sends anything):');
    for (const line of budgetText(triggerBudget(plan, cases, flows), firstMinute)) print(line);
    print(
      `Negative lane: ${laneSize} generated requests (${options.negativeRuns} per category, seed ${options.seed}).`,
    );
    if (options.dryRun) {
      await printDryRun(
        { view, plan, cases, identity, flows, firstMinute, oversizeBytes: options.oversizeBytes },
        print,
      );
      return 0;
    }
    const results: CheckResult[] = [];
    await checkServer({
      view,
      server: target.url as string,
      identity,
      flows,
      candidateMinutes: times.candidateMinutes,
      oversizeBytes: options.oversizeBytes,
      stateless: options.stateless,
      plan,
      cases,
      worker: worker as DreddWorker,
      report: (outcome) => {
        const result = toResult(outcome, options.strict);
        results.push(result);
        print(progressLine(result));
      },
      phase: (title) => print(`\n${title}`),
      secret: (value) => redactor.add(value),
    });

    const summary = summarize(results);
    print(`\n${resultTable(summary)}`);
    if (options.reportDir !== undefined) {
      const files = await writeReports(
        options.reportDir,
        summary,
        {
          target: target.label,
          startedAt,
          durationMs: Date.now() - startedAt.getTime(),
          strict: options.strict,
          contract: `${view.document.info.title} ${view.document.info.version}`,
        },
        redactor,
      );
      print(`Reports: ${files.join(', ')}`);
    }
    return summary.exitCode;
  } finally {
    worker?.dispose();
    await target?.close();
  }
}

async function reportDirReady(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new UsageError(
      `--report-dir ${dir} cannot be created (${(error as NodeJS.ErrnoException).code}): give a writable directory.`,
    );
  }
}
