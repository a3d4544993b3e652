/**
 * The checks of a run, in order, against a server: the run's token, Dredd with the hooks, the
 * instance ID checks, the negative lane, and the envelope of every answer seen on the way.
 *
 * When the run stops early (its watchdog: the deadline, or a server that stopped answering),
 * the Dredd worker is ended, the check in progress and every check after it are skipped with
 * that reason, and the envelope check still covers the answers seen until then.
 */
import { EnvelopeCheck } from '../checks/envelope.js';
import { instanceIdChecks } from '../checks/semantic.js';
import { UsageError } from '../config/usage-error.js';
import type { ContractView } from '../contract/view.js';
import type { DreddWorker } from '../dredd/driver.js';
import { engineChecks } from '../dredd/guard.js';
import { transactionCheck } from '../dredd/outcomes.js';
import type { PlannedTransaction } from '../dredd/plan.js';
import type { Identity } from '../http/api.js';
import { NoAnswerError, type Transport } from '../http/limits.js';
import { CATEGORIES, type Category, type NegativeCase } from '../negative/cases.js';
import { rowOf, runNegativeLane } from '../negative/lane.js';
import { type ParameterCase, parameterRow, runParameterLane } from '../negative/parameters.js';
import { firstTriggerTime } from '../plan/trigger-times.js';
import type { CheckOutcome } from '../results/model.js';
import type { Flows } from '../target/resolve.js';
import { obtainToken, tokenCheckRow } from './token.js';
import { RunStoppedError, type Watchdog } from './watchdog.js';

export interface ServerChecks {
  view: ContractView;
  /** The contract file Dredd reads (--contract); undefined: the bundled one. */
  contract?: string;
  server: string;
  identity: Identity;
  flows: Flows;
  candidateMinutes: number[];
  oversizeBytes: number;
  stateless: boolean;
  plan: PlannedTransaction[];
  cases: Map<Category, NegativeCase[]>;
  /** The negative lane of each operation without a role, by operationId (parameters.ts). */
  parameterCases: Map<string, ParameterCase[]>;
  worker: DreddWorker;
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
  const phase = (title: string) => {
    watchdog.phase = title.replace(/^\[\d\/\d\] /, '');
    input.phase(title);
  };
  const endWorker = () => input.worker.dispose();
  watchdog.signal.addEventListener('abort', endWorker, { once: true });

  try {
    // Dredd starts now, parsing the contract while the run gets its token; its transactions
    // wait for the token, so their outcomes come after the token's.
    const byName = new Map(input.plan.map((entry) => [entry.name, entry]));
    // The flags are wrong (the run's own flow cannot be triggered): what Dredd reports after
    // that says nothing about the server, and the run ends with exit 2 (config-errors.ts).
    let configError: string | undefined;
    const session = input.worker.start(
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
          if (entry && configError === undefined) {
            report(transactionCheck(entry, outcome, input.redact, view));
          }
        },
        onObservation: envelope.add,
        onExchange: watchdog.exchange,
        onConfigError: (message) => {
          configError = message;
        },
      },
    );

    phase('[1/4] Token');
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
      input.worker.dispose();
    } else {
      input.secret(token.token);
      const accessToken = token.token;

      phase('[2/4] Dredd, driven by the contract with the CommonJS hooks');
      session.provideToken(accessToken);
      const dredd = await session.result;
      // A stop ended the worker: what it did not report was cut short, not missing.
      if (watchdog.signal.aborted) throw watchdog.signal.reason;
      if (dredd.configError !== undefined) {
        closed = true;
        throw new UsageError(input.redact(dredd.configError));
      }
      for (const entry of input.plan) {
        if (!dredd.outcomes.has(entry.name)) {
          report(transactionCheck(entry, undefined, input.redact, view));
        }
      }
      for (const outcome of engineChecks(dredd)) report(outcome);

      phase('[3/4] Semantic checks');
      for (const outcome of instanceIdChecks(view, dredd.trigger, input.stateless)) {
        report(outcome);
      }

      phase('[4/4] Negative lane');
      // The run's own minute: whatever a lenient server makes of these, it starts no instance.
      const minute = dredd.trigger?.minute ?? (input.candidateMinutes[0] as number);
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
    }
  } catch (error) {
    // Whatever a stop cut short rejects with, the stop is the reason.
    if (!(error instanceof RunStoppedError) && !watchdog.signal.aborted) throw error;
    // Every check the run did not finish, skipped with the reason.
    report({ ...tokenCheckRow(view), violations: [], skipped: STOPPED_SKIP });
    for (const entry of input.plan) {
      report(
        transactionCheck(
          { ...entry, skip: entry.skip ?? STOPPED_SKIP },
          undefined,
          input.redact,
          view,
        ),
      );
    }
    for (const category of CATEGORIES) {
      const row = rowOf(category, input.cases.get(category) ?? []);
      report({ ...row, violations: [], skipped: STOPPED_SKIP });
    }
    for (const [id, cases] of input.parameterCases) {
      report({ ...parameterRow(view.op(id), cases), violations: [], skipped: STOPPED_SKIP });
    }
  } finally {
    watchdog.signal.removeEventListener('abort', endWorker);
  }
  report(envelope.check());
  closed = true;
}
