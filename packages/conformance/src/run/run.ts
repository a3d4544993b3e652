/**
 * One conformance run, start to end: resolve the target, plan (and print the trigger budget
 * before any request), run the checks (check-server.ts), feeding each result to the reporters
 * (the terminal, and the files of --report-dir) as it comes. The engine is created first, so
 * that its start-up (loading Dredd) overlaps with the rest.
 *
 * A watchdog bounds the run (its deadline, requests in a row without an answer); a stopped run
 * still prints its table and writes its reports, with a verdict that says why it stopped. Every
 * result is redacted when it comes, before anything cuts or escapes it.
 */
import type { RunOptions } from '../config/options.js';
import { UsageError } from '../config/usage-error.js';
import { contractView, roleOf } from '../contract/view.js';
import { dreddEngine } from '../engine/dredd/engine.js';
import type { Engine, EngineFactory } from '../engine/engine.js';
import type { Transport } from '../http/limits.js';
import { budgetText, triggerBudget } from '../plan/budget.js';
import { generateCases } from '../plan/negative-cases.js';
import { parameterCases as generateParameterCases } from '../plan/parameter-cases.js';
import { planTransactions } from '../plan/transactions.js';
import { firstTriggerTime, planTriggerTimes } from '../plan/trigger-times.js';
import { REPORTERS } from '../reporters/registry.js';
import { reportDirReady } from '../reporters/report-dir.js';
import { ResultStream } from '../reporters/reporter.js';
import { type CheckOutcome, type CheckResult, summarize, toResult } from '../results/model.js';
import { Redactor, tooShortToRedact } from '../results/redact.js';
import { resolveTarget } from '../target/resolve.js';
import { behaviourBudget, behaviourPlan } from './behaviour-plan.js';
import { checkServer } from './check-server.js';
import { printDryRun, writePlan } from './dry-run.js';
import { Watchdog } from './watchdog.js';

export interface Output {
  write(text: string): unknown;
}

/**
 * The engine that runs the plan's transactions: Dredd, the one implementation today. The only
 * place that names it; everything else talks to the Engine interface.
 */
const DEFAULT_ENGINE: EngineFactory = dreddEngine;

export async function runConformance(
  options: RunOptions,
  out: Output,
  engine: EngineFactory = DEFAULT_ENGINE,
): Promise<0 | 1> {
  const redactor = new Redactor();
  try {
    return await run(options, out, redactor, engine);
  } catch (error) {
    // Whatever stops a run, its message reaches the terminal: it must not carry a secret.
    if (error instanceof UsageError) throw new UsageError(redactor.redact(error.message));
    const failure = new Error(redactor.redact((error as Error)?.message ?? String(error)));
    failure.stack = redactor.redact((error as Error)?.stack ?? failure.message);
    throw failure;
  }
}

async function run(
  options: RunOptions,
  out: Output,
  redactor: Redactor,
  createEngine: EngineFactory,
): Promise<0 | 1> {
  const startedAt = new Date();
  const print = (text: string) => out.write(`${redactor.redact(text)}\n`);
  const view = contractView(options.contract);
  // Before anything is started or sent: a directory that cannot be written is a usage error.
  if (options.reportDir !== undefined) await reportDirReady(options.reportDir);
  const engine: Engine | undefined = options.dryRun
    ? undefined
    : createEngine({
        maxResponseBytes: options.maxResponseBytes,
        redact: (text) => redactor.redact(text),
        // The run's watchdog ends it at the deadline; this is only a backstop behind it.
        timeoutMs: options.deadlineMs + 10_000,
      });
  const watchdog = options.dryRun
    ? undefined
    : new Watchdog({
        deadlineMs: options.deadlineMs,
        maxTimeouts: options.maxTimeouts,
        requestTimeoutMs: options.requestTimeoutMs,
      });
  const warnings: string[] = [];
  let target: Awaited<ReturnType<typeof resolveTarget>> | undefined;
  try {
    target = await resolveTarget(options);
    if (!redactor.add(target.identity.appSecret)) warnings.push(tooShortToRedact('The app secret'));
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
    const parameterCases = new Map(
      view.operations
        .filter((op) => roleOf(op.id) === undefined)
        .map((op) => [op.id, generateParameterCases(op, identity, options.negativeRuns)] as const),
    );
    const laneSize = [...cases.values(), ...parameterCases.values()].reduce(
      (n, list) => n + list.length,
      0,
    );
    const contract = `${view.document.info.title} ${view.document.info.version}`;
    print(`enos-trigger-conformance: ${target.label}`);
    for (const warning of warnings) print(`Warning: ${warning}`);
    print(`Contract: ${contract}`);
    print('What this run may trigger (before it sends anything):');
    const budget = budgetText(triggerBudget(plan, cases, flows), firstMinute);
    for (const line of budget) print(line);
    const lane = `Negative lane: ${laneSize} generated requests (${options.negativeRuns} per category, seed ${options.seed}).`;
    print(lane);
    const behaviour =
      options.behaviour === undefined
        ? undefined
        : behaviourPlan(options, options.behaviour, target, times.candidateMinutes);
    const behaviourLines =
      behaviour === undefined ? [] : behaviourBudget(behaviour, options.server === undefined);
    for (const line of behaviourLines) print(line);
    if (options.dryRun || watchdog === undefined) {
      const planned = await printDryRun(
        {
          view,
          plan,
          cases,
          parameterCases,
          identity,
          flows,
          firstMinute,
          oversizeBytes: options.oversizeBytes,
        },
        print,
      );
      if (options.reportDir !== undefined) {
        const files = await writePlan(
          options.reportDir,
          planned,
          {
            target: target.label,
            contract,
            preamble: [...budget, lane, ...behaviourLines],
            seed: options.seed,
            negativeRuns: options.negativeRuns,
          },
          redactor,
        );
        print(`Plan: ${files.join(', ')}`);
      }
      return 0;
    }
    print(
      `Limits: answers up to ${options.maxResponseBytes} bytes, ${options.requestTimeoutMs / 1000} s a request, ` +
        `${options.deadlineMs / 1000} s in all; stop after ${options.maxTimeouts} requests in a row without an answer.`,
    );
    const transport: Transport = {
      maxResponseBytes: options.maxResponseBytes,
      timeoutMs: options.requestTimeoutMs,
      signal: watchdog.signal,
      onAttempt: watchdog.attempt,
    };
    const stream = new ResultStream(REPORTERS, {
      print,
      redactor,
      ...(options.reportDir === undefined ? {} : { reportDir: options.reportDir }),
    });
    const results: CheckResult[] = [];
    const report = (outcome: CheckOutcome) => {
      const result = redacted(toResult(outcome, options.strict), redactor);
      results.push(result);
      stream.result(result);
    };
    await checkServer({
      view,
      ...(options.contract === undefined ? {} : { contract: options.contract }),
      server: target.url as string,
      identity,
      flows,
      candidateMinutes: times.candidateMinutes,
      oversizeBytes: options.oversizeBytes,
      stateless: options.stateless,
      plan,
      cases,
      parameterCases,
      engine: engine as Engine,
      transport,
      watchdog,
      redact: (text) => redactor.redact(text),
      report,
      ...(behaviour === undefined ? {} : { behaviour }),
      phase: (title) => stream.phase(title),
      secret: (value) => {
        const warning = tooShortToRedact('An access token the server issued');
        if (!redactor.add(value) && !warnings.includes(warning)) {
          warnings.push(warning);
          print(`Warning: ${warning}`);
        }
      },
    });
    const stopped = watchdog.stopped;
    watchdog.dispose();
    report({
      id: 'run:finished',
      section: 'engine',
      title: `the run finished: within --deadline (${options.deadlineMs / 1000} s), the server answering`,
      evidence: 'documented',
      violations: stopped === undefined ? [] : [{ evidence: 'documented', message: stopped }],
      passReason: `in ${((Date.now() - startedAt.getTime()) / 1000).toFixed(1)} s`,
    });

    const summary = summarize(results, stopped);
    const files = await stream.end(summary, {
      target: target.label,
      startedAt,
      durationMs: Date.now() - startedAt.getTime(),
      strict: options.strict,
      contract,
      warnings,
    });
    if (files.length > 0) print(`Reports: ${files.join(', ')}`);
    return summary.exitCode;
  } finally {
    watchdog?.dispose();
    engine?.dispose();
    await target?.close();
  }
}

/** A result with the run's secrets taken out of every text, before anything cuts or escapes it. */
function redacted(result: CheckResult, redactor: Redactor): CheckResult {
  const r = (text: string) => redactor.redact(text);
  return {
    ...result,
    title: r(result.title),
    reason: r(result.reason),
    violations: result.violations.map((v) => ({ ...v, message: r(v.message) })),
    ...(result.details === undefined ? {} : { details: r(result.details) }),
    ...(result.hint === undefined ? {} : { hint: r(result.hint) }),
  };
}
