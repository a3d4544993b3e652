/**
 * --dry-run lists every request as the run would send it: each generated negative request of an
 * operation without a role with its own body (a broken body is the point of the case), not the
 * body of the operation's examples.
 */
import { describe, expect, it } from 'vitest';
import { contractView, roleOf } from '../src/contract/view.js';
import { generateCases } from '../src/plan/negative-cases.js';
import { parameterCases } from '../src/plan/parameter-cases.js';
import { exampleRequest } from '../src/plan/requests.js';
import { planTransactions } from '../src/plan/transactions.js';
import { dryRunPlan } from '../src/run/dry-run.js';

const view = contractView();
const identity = { appKey: 'k', appSecret: 'secret-of-the-app', userId: 'u', orgId: 'o' };
const flows = { flowId: 3377 };
const RUNS = 6;
const cases = new Map(
  view.operations
    .filter((op) => roleOf(op.id) === undefined)
    .map((op) => [op.id, parameterCases(op, identity, RUNS)] as const),
);

describe('--dry-run', () => {
  it('shows each negative request of an operation without a role with its own body', async () => {
    const plan = await dryRunPlan({
      view,
      plan: planTransactions(view, { ...flows, stateless: false, oversizeBytes: 64 }),
      cases: generateCases(view, 0, 1, { flowId: flows.flowId, triggerTime: 0 }),
      parameterCases: cases,
      identity,
      flows,
      firstMinute: Date.UTC(2026, 0, 1, 10, 0),
      oversizeBytes: 64,
    });
    let bodies = 0;
    for (const [id, list] of cases) {
      const op = view.op(id);
      const listed = plan.requests.filter((r) => r.why.startsWith(`negative · ${op.summary} · `));
      expect(listed.map((r) => r.why)).toEqual(
        list.map((c) => `negative · ${op.summary} · ${c.label}`),
      );
      for (const [i, c] of list.entries()) {
        const text = c.body.trimEnd();
        const shown = text.length > 160 ? `${text.slice(0, 160)}…` : text;
        expect(listed[i]?.body, `${id}: ${c.label}`).toBe(shown);
      }
      const example = exampleRequest(op, identity).body;
      bodies += list.filter((c) => c.body !== example).length;
    }
    // Some cases break the body: shown with the example's body, they would say nothing.
    expect(bodies).toBeGreaterThan(2);
  });
});
