/**
 * The checks of a run, in order, against a server: the run's token, Dredd with the hooks, the
 * instance ID checks, the negative lane, and the envelope of every answer seen on the way.
 */
import { envelopeCheck } from '../checks/envelope.js';
import { instanceIdChecks } from '../checks/semantic.js';
import type { ContractView } from '../contract/view.js';
import type { DreddWorker } from '../dredd/driver.js';
import { engineChecks } from '../dredd/guard.js';
import { transactionCheck } from '../dredd/outcomes.js';
import type { PlannedTransaction } from '../dredd/plan.js';
import type { Observation } from '../dredd/protocol.js';
import type { Identity } from '../http/api.js';
import type { Category, NegativeCase } from '../negative/cases.js';
import { runNegativeLane } from '../negative/lane.js';
import { firstTriggerTime } from '../plan/trigger-times.js';
import type { CheckOutcome } from '../results/model.js';
import type { Flows } from '../target/resolve.js';
import { obtainToken } from './token.js';

export interface ServerChecks {
  view: ContractView;
  server: string;
  identity: Identity;
  flows: Flows;
  candidateMinutes: number[];
  oversizeBytes: number;
  stateless: boolean;
  plan: PlannedTransaction[];
  cases: Map<Category, NegativeCase[]>;
  worker: DreddWorker;
  /** Each check as it completes. */
  report(outcome: CheckOutcome): void;
  /** A heading of the progress output. */
  phase(title: string): void;
  /** A secret the run learned (a token): never to be printed. */
  secret(value: string): void;
}

export async function checkServer(input: ServerChecks): Promise<void> {
  const { view, server, identity, report } = input;
  const observations: Observation[] = [];
  const observe = (o: Observation) => observations.push(o);

  // Dredd starts now, parsing the contract while the run gets its token; its transactions
  // wait for the token, so their outcomes come after the token's.
  const byName = new Map(input.plan.map((entry) => [entry.name, entry]));
  const session = input.worker.start(
    {
      server,
      identity,
      flows: input.flows,
      candidateMinutes: input.candidateMinutes,
      oversizeBytes: input.oversizeBytes,
      plan: input.plan,
    },
    {
      onSecret: input.secret,
      onOutcome: (outcome) => {
        const entry = byName.get(outcome.name);
        if (entry) report(transactionCheck(entry, outcome));
      },
    },
  );

  input.phase('[1/4] Token');
  const token = await obtainToken(view, server, identity, observe);
  report(token.check);
  if (token.token === undefined) {
    input.worker.dispose();
  } else {
    input.secret(token.token);
    const accessToken = token.token;

    input.phase('[2/4] Dredd, driven by the contract with the CommonJS hooks');
    session.provideToken(accessToken);
    const dredd = await session.result;
    for (const entry of input.plan) {
      if (!dredd.outcomes.has(entry.name)) report(transactionCheck(entry, undefined));
    }
    observations.push(...dredd.observations);
    for (const outcome of engineChecks(dredd)) report(outcome);

    input.phase('[3/4] Semantic checks');
    for (const outcome of instanceIdChecks(view, dredd.trigger, input.stateless)) report(outcome);

    input.phase('[4/4] Negative lane');
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
      observe,
      onCheck: report,
    });
  }
  report(envelopeCheck(view, observations));
}
