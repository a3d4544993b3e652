/**
 * --dry-run: every request the run would send, in order, with its body, and nothing sent. The
 * bodies are the ones the run would build (the trigger times are those of the first candidate
 * minute; the token request's encryption is not shown).
 */
import type { ContractView } from '../contract/view.js';
import type { PlannedTransaction } from '../dredd/plan.js';
import { oversizeSpec, type RequestSpec, requestSpec } from '../dredd/requests.js';
import { type Identity, operationQuery, queryString, tokenRequestBody } from '../http/api.js';
import { CATEGORIES, type Category, type NegativeCase } from '../negative/cases.js';
import { render } from '../negative/templates.js';
import { firstTriggerTime } from '../plan/trigger-times.js';
import type { Flows } from '../target/resolve.js';

export interface DryRunInput {
  view: ContractView;
  plan: PlannedTransaction[];
  cases: Map<Category, NegativeCase[]>;
  identity: Identity;
  flows: Flows;
  firstMinute: number;
  oversizeBytes: number;
}

const SHOWN = 160;

export async function printDryRun(
  input: DryRunInput,
  print: (line: string) => void,
): Promise<void> {
  const { view, plan, identity, flows, firstMinute } = input;
  const ctx = { view, identity, flows, minute: firstMinute, oversizeBytes: input.oversizeBytes };
  let count = 0;
  const line = (op: 'trigger' | 'token', spec: RequestSpec, why: string) => {
    count += 1;
    const o = op === 'trigger' ? view.trigger : view.token;
    const search = spec.query.length > 0 ? `?${queryString(spec.query)}` : '';
    print(`  ${count}. ${o.method} ${o.path}${search} ${spec.signed ? '[signed]' : '[unsigned]'}`);
    print(`     ${why}: ${show(spec.body)}`);
  };
  print('\nDry run: the requests this run would send (none is sent).');
  line(
    'token',
    { query: [], body: await tokenRequestBody(identity), signed: false },
    "the run's token",
  );
  for (const entry of plan) {
    if (entry.skip !== undefined || !entry.provocation) continue;
    const spec =
      entry.provocation === 'oversize'
        ? await oversizeSpec(entry.operation, ctx)
        : await requestSpec(entry.provocation, ctx);
    line(entry.operation, spec, entry.title);
  }
  const values = { flowId: flows.flowId, triggerTime: firstTriggerTime(firstMinute) };
  const query = operationQuery(view.trigger, identity);
  for (const category of CATEGORIES) {
    for (const c of input.cases.get(category) ?? []) {
      const body = render(c.template, values);
      line(
        'trigger',
        { query, body, signed: true },
        `negative · ${c.flaw ? `signed with a flaw: ${c.label}` : c.label}`,
      );
    }
  }
  const skipped = plan.filter((entry) => entry.skip !== undefined).length;
  print(
    `\n${count} requests (plus up to the success trigger's retries if its minute is taken); ${skipped} documented answers are skipped.`,
  );
}

function show(body: string): string {
  const masked = body.replace(/"encryption":"[0-9a-f]+"/, '"encryption":"<sha256>"');
  const trimmed = masked.trimEnd();
  const padded = masked.length - trimmed.length;
  const text = trimmed.length > SHOWN ? `${trimmed.slice(0, SHOWN)}…` : trimmed;
  return padded > 0 ? `${text} (+${padded} spaces: ${masked.length} bytes)` : text;
}
