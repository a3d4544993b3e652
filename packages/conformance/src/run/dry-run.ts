/**
 * --dry-run: every request the run would send, in order, with its body, and nothing sent. The
 * bodies are the ones the run would build (the trigger times are those of the first candidate
 * minute; the token request's encryption is not shown). With --report-dir, the same plan is
 * written as plan.md (readable) and plan.json (for tools).
 */
import type { ContractView } from '../contract/view.js';
import { type Identity, operationQuery, queryString, tokenRequestBody } from '../http/api.js';
import { CATEGORIES, type Category, type NegativeCase } from '../plan/negative-cases.js';
import { render } from '../plan/negative-templates.js';
import type { ParameterCase } from '../plan/parameter-cases.js';
import { oversizeSpec, type RequestSpec, type RunFlows, requestSpec } from '../plan/requests.js';
import type { PlannedTransaction } from '../plan/transactions.js';
import { firstTriggerTime } from '../plan/trigger-times.js';
import { writeRedacted } from '../reporters/report-dir.js';
import type { Redactor } from '../results/redact.js';
import { markdownEscape as md } from '../results/text.js';

export interface DryRunInput {
  view: ContractView;
  plan: PlannedTransaction[];
  cases: Map<Category, NegativeCase[]>;
  /** The negative lane of each operation without a role, by operationId. */
  parameterCases?: Map<string, ParameterCase[]>;
  identity: Identity;
  flows: RunFlows;
  firstMinute: number;
  oversizeBytes: number;
}

/** One request of the plan, as it would be sent. */
export interface PlannedRequest {
  n: number;
  /** The contract's operationId. */
  operation: string;
  method: string;
  /** The path with its query. */
  target: string;
  signed: boolean;
  /** Why it is sent: the check it belongs to. */
  why: string;
  /** The body, cut to a readable length, the encryption masked. */
  body: string;
}

export interface DryRunPlan {
  requests: PlannedRequest[];
  /** The documented answers the run would not provoke, and why. */
  skipped: { title: string; reason: string }[];
}

/** The files a dry run writes into --report-dir. */
export const PLAN_FILES = { markdown: 'plan.md', json: 'plan.json' } as const;

const SHOWN = 160;

export async function dryRunPlan(input: DryRunInput): Promise<DryRunPlan> {
  const { view, plan, identity, flows, firstMinute } = input;
  const ctx = { view, identity, flows, minute: firstMinute, oversizeBytes: input.oversizeBytes };
  const requests: PlannedRequest[] = [];
  const add = (operation: string, spec: RequestSpec, why: string) => {
    const o = view.op(operation);
    const search = spec.query.length > 0 ? `?${queryString(spec.query)}` : '';
    requests.push({
      n: requests.length + 1,
      operation,
      method: o.method,
      target: `${o.path}${search}`,
      signed: spec.signed,
      why,
      body: show(spec.body),
    });
  };
  add(
    view.token.id,
    { query: [], body: await tokenRequestBody(identity), signed: false },
    "the run's token",
  );
  for (const entry of plan) {
    if (entry.skip !== undefined || !entry.provocation) continue;
    const spec =
      entry.provocation === 'oversize'
        ? await oversizeSpec(entry.operation, ctx)
        : await requestSpec(entry.provocation, ctx, entry.operation);
    add(entry.operation, spec, entry.title);
  }
  const values = { flowId: flows.flowId, triggerTime: firstTriggerTime(firstMinute) };
  const query = operationQuery(view.trigger, identity);
  for (const category of CATEGORIES) {
    for (const c of input.cases.get(category) ?? []) {
      const body = render(c.template, values);
      add(
        view.trigger.id,
        { query, body, signed: true },
        `negative · ${c.flaw ? `signed with a flaw: ${c.label}` : c.label}`,
      );
    }
  }
  for (const [id, cases] of input.parameterCases ?? []) {
    const op = view.op(id);
    for (const c of cases) {
      add(
        id,
        { query: c.query, body: c.body, signed: op.signed },
        `negative · ${op.summary} · ${c.label}`,
      );
    }
  }
  const skipped = plan
    .filter((entry) => entry.skip !== undefined)
    .map((entry) => ({ title: entry.title, reason: entry.skip as string }));
  return { requests, skipped };
}

export function dryRunLines(plan: DryRunPlan): string[] {
  const lines = ['', 'Dry run: the requests this run would send (none is sent).'];
  for (const r of plan.requests) {
    lines.push(`  ${r.n}. ${r.method} ${r.target} ${r.signed ? '[signed]' : '[unsigned]'}`);
    lines.push(`     ${r.why}: ${r.body}`);
  }
  lines.push(
    '',
    `${plan.requests.length} requests (plus up to the success trigger's retries if its minute is taken); ${plan.skipped.length} documented answers are skipped.`,
  );
  return lines;
}

export async function printDryRun(
  input: DryRunInput,
  print: (line: string) => void,
): Promise<DryRunPlan> {
  const plan = await dryRunPlan(input);
  for (const line of dryRunLines(plan)) print(line);
  return plan;
}

export interface PlanMeta {
  target: string;
  contract: string;
  /** What the run printed before the requests: the trigger budget, the negative lane. */
  preamble: string[];
  seed: number;
  negativeRuns: number;
}

/** Write plan.md and plan.json into `dir`, through the run's redactor. */
export async function writePlan(
  dir: string,
  plan: DryRunPlan,
  meta: PlanMeta,
  redactor: Redactor,
): Promise<string[]> {
  const markdown = [
    '# Trigger Flow conformance plan (dry run: nothing was sent)',
    '',
    `- Target: ${md(meta.target)}`,
    `- Contract: ${md(meta.contract)}`,
    `- Negative lane: ${meta.negativeRuns} per category, seed ${meta.seed}`,
    '',
    '## What the run may trigger',
    '',
    ...meta.preamble.map((line) => `- ${md(line.trim())}`),
    '',
    '## Requests, in order',
    '',
    '| # | Request | Signed | Why | Body |',
    '| --- | --- | --- | --- | --- |',
    ...plan.requests.map(
      (r) =>
        `| ${r.n} | ${md(`${r.method} ${r.target}`)} | ${r.signed ? 'yes' : 'no'} | ${md(r.why)} | ${md(r.body)} |`,
    ),
    '',
    '## Documented answers not provoked',
    '',
    '| Answer | Why |',
    '| --- | --- |',
    ...plan.skipped.map((s) => `| ${md(s.title)} | ${md(s.reason)} |`),
    '',
  ].join('\n');
  const json = `${JSON.stringify(
    {
      target: meta.target,
      contract: meta.contract,
      seed: meta.seed,
      negativeRuns: meta.negativeRuns,
      budget: meta.preamble.map((line) => line.trim()),
      requests: plan.requests,
      skipped: plan.skipped,
    },
    null,
    2,
  )}\n`;
  return writeRedacted(
    dir,
    [
      [PLAN_FILES.markdown, markdown],
      [PLAN_FILES.json, json],
    ],
    redactor,
  );
}

function show(body: string): string {
  const masked = body.replace(/"encryption":"[0-9a-f]+"/, '"encryption":"<sha256>"');
  const trimmed = masked.trimEnd();
  const padded = masked.length - trimmed.length;
  const text = trimmed.length > SHOWN ? `${trimmed.slice(0, SHOWN)}…` : trimmed;
  return padded > 0 ? `${text} (+${padded} spaces: ${masked.length} bytes)` : text;
}
