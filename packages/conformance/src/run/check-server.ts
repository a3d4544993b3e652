/**
 * The checks of a run, in order, against a server: the run's token, the engine's transactions,
 * the instance ID checks, the negative lane, and every answer seen on the way. Every exchange
 * is held to the checks of the registry (checks/registry.ts); the engine is whichever the run
 * was given (engine/engine.ts).
 *
 * When the run stops early (its watchdog: the deadline, or a server that stopped answering),
 * the engine is ended, the check in progress and every check after it are skipped with that
 * reason, and the every-answer row still covers the answers seen until then.
 */
import { type LanePlan, laneRows, runBehaviourLane } from '../behaviour/index.js';
import { EnvelopeCheck } from '../checks/envelope-row.js';
import { instanceIdChecks } from '../checks/instance-id-rows.js';
import { type RowContext, transactionCheck } from '../checks/transaction-row.js';
import { UsageError } from '../config/usage-error.js';
import type { ContractView } from '../contract/view.js';
import type { Engine } from '../engine/engine.js';
import type { Identity } from '../http/api.js';
import { NoAnswerError, type Transport } from '../http/limits.js';
import { rowOf, runNegativeLane } from '../negative/lane.js';
import { parameterRow, runParameterLane } from '../negative/parameter-lane.js';
import { CATEGORIES, type Category, type NegativeCase } from '../plan/negative-cases.js';
import type { ParameterCase } from '../plan/parameter-cases.js';
import type { RunFlows } from '../plan/requests.js';
import type { PlannedTransaction } from '../plan/transactions.js';
import { firstTriggerTime } from '../plan/trigger-times.js';
import type { CheckOutcome } from '../results/model.js';
import { obtainToken, tokenCheckRow } from './token.js';
import { RunStoppedError, type Watchdog } from './watchdog.js';

export interface ServerChecks {
  view: ContractView;
  /** The contract file the engine reads (--contract); undefined: the bundled one. */
  contract?: string;
  server: string;
  identity: Identity;
  flows: RunFlows;
  candidateMinutes: number[];
  oversizeBytes: number;
  stateless: boolean;
  plan: PlannedTransaction[];
  cases: Map<Category, NegativeCase[]>;
  /** The negative lane of each operation without a role, by operationId (parameter-cases.ts). */
  parameterCases: Map<string, ParameterCase[]>;
  engine: Engine;
  /** The limits of every request; its signal is the watchdog's. */
  transport: Transport;
  watchdog: Watchdog;
  /** Takes the run's secrets out of a server's text, before it is cut to an excerpt. */
  redact(text: string): string;
  /** Each check as it completes. */
  report(outcome: CheckOutcome): void;
  /** A heading of the progress output. */
  phase(title: string): void;
  /** A secret the run learned (a token): never to be printed. */
  secret(value: string): void;
  /** The behaviour lane's plan (--behaviour): it runs after the others. */
  behaviour?: LanePlan;
}

/** The reason of every check the run did not get to. */
export const STOPPED_SKIP = 'not run to the end: the run stopped (see "the run finished")';

export async function checkServer(input: ServerChecks): Promise<void> {
  const { view, server, identity, watchdog, transport } = input;
  const envelope = new EnvelopeCheck(view);
  const reported = new Set<string>();
  let closed = false;
  const report = (outcome: CheckOutcome) => {
    if (closed || reported.has(outcome.id)) return;
    reported.add(outcome.id);
    input.report(outcome);
  };
  const phases = input.behaviour === undefined ? 4 : 5;
  const phase = (n: number, title: string) => {
    watchdog.phase = title;
    input.phase(`[${n}/${phases}] ${title}`);
  };
  const laneSkipped = (reason: string) => {
    if (input.behaviour === undefined) return;
    for (const row of laneRows()) report({ ...row, violations: [], skipped: reason });
  };
  const { engine } = input;
  const rows: RowContext = { view, redact: input.redact, engine: engine.name };
  const endEngine = () => engine.dispose();
  watchdog.signal.addEventListener('abort', endEngine, { once: true });

  try {
    // The engine starts now, preparing while the run gets its token; its transactions wait
    // for the token, so their outcomes come after the token's.
    const byName = new Map(input.plan.map((entry) => [entry.name, entry]));
    // The flags are wrong (the run's own flow cannot be triggered): what the engine reports
    // after that says nothing about the server, and the run ends with exit 2
    // (plan/config-errors.ts).
    let configError: string | undefined;
    const session = engine.start(
      {
        server,
        identity,
        flows: input.flows,
        candidateMinutes: input.candidateMinutes,
        oversizeBytes: input.oversizeBytes,
        plan: input.plan,
        requestTimeoutMs: transport.timeoutMs,
        ...(input.contract === undefined ? {} : { contract: input.contract }),
      },
      {
        onSecret: input.secret,
        onOutcome: (outcome) => {
          const entry = byName.get(outcome.name);
          if (entry && configError === undefined) report(transactionCheck(entry, outcome, rows));
        },
        onAnswer: envelope.add,
        onAttempt: watchdog.attempt,
        onConfigError: (message) => {
          configError = message;
        },
      },
    );

    phase(1, 'Token');
    const token = await obtainToken({
      view,
      server,
      identity,
      transport,
      observe: envelope.add,
      redact: input.redact,
    }).catch((error: unknown) => {
      // Without a token there is nothing to check: a server that does not answer for one
      // stops the run, with that reason, rather than failing it as a contract violation.
      if (error instanceof NoAnswerError) {
        watchdog.stop(
          `the token service gave no answer: ${error.message}, and every check needs a token. ` +
            'Check that the gateway and the service behind it are up',
        );
        throw watchdog.signal.reason;
      }
      throw error;
    });
    report(token.check);
    if (token.token === undefined) {
      engine.dispose();
      laneSkipped('no token: every request of the lane needs one');
    } else {
      input.secret(token.token);
      const accessToken = token.token;

      phase(2, engine.title);
      session.provideToken(accessToken);
      const ran = await session.result;
      // A stop ended the engine: what it did not report was cut short, not missing.
      if (watchdog.signal.aborted) throw watchdog.signal.reason;
      if (ran.configError !== undefined) {
        closed = true;
        throw new UsageError(input.redact(ran.configError));
      }
      for (const entry of input.plan) {
        if (!ran.outcomes.has(entry.name)) report(transactionCheck(entry, undefined, rows));
      }
      for (const outcome of ran.guards) report(outcome);

      phase(3, 'Semantic checks');
      for (const outcome of instanceIdChecks(view, ran.trigger, input.stateless)) {
        report(outcome);
      }

      phase(4, 'Negative lane');
      // The run's own minute: whatever a lenient server makes of these, it starts no instance.
      const minute = ran.trigger?.minute ?? (input.candidateMinutes[0] as number);
      await runNegativeLane({
        view,
        server,
        identity,
        accessToken,
        values: { flowId: input.flows.flowId, triggerTime: firstTriggerTime(minute) },
        cases: input.cases,
        stateless: input.stateless,
        transport,
        observe: envelope.add,
        onCheck: report,
      });
      for (const [id, cases] of input.parameterCases) {
        report(
          await runParameterLane({
            view,
            op: view.op(id),
            cases,
            server,
            identity,
            accessToken,
            transport,
            observe: envelope.add,
          }),
        );
      }
      if (input.behaviour !== undefined) {
        phase(5, 'Behaviour lane');
        await runBehaviourLane({
          ...input.behaviour,
          view,
          server,
          identity,
          accessToken,
          transport,
          observe: envelope.add,
          redact: input.redact,
          report,
        });
      }
    }
  } catch (error) {
    // Whatever a stop cut short rejects with, the stop is the reason.
    if (!(error instanceof RunStoppedError) && !watchdog.signal.aborted) throw error;
    // Every check the run did not finish, skipped with the reason.
    report({ ...tokenCheckRow(view), violations: [], skipped: STOPPED_SKIP });
    for (const entry of input.plan) {
      report(transactionCheck({ ...entry, skip: entry.skip ?? STOPPED_SKIP }, undefined, rows));
    }
    for (const category of CATEGORIES) {
      const row = rowOf(category, input.cases.get(category) ?? []);
      report({ ...row, violations: [], skipped: STOPPED_SKIP });
    }
    for (const [id, cases] of input.parameterCases) {
      report({ ...parameterRow(view.op(id), cases), violations: [], skipped: STOPPED_SKIP });
    }
    laneSkipped(STOPPED_SKIP);
  } finally {
    watchdog.signal.removeEventListener('abort', endEngine);
  }
  report(envelope.check());
  closed = true;
}
