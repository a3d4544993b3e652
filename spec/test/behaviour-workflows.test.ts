/**
 * The behaviour scenarios (behaviour.arazzo.yaml) and their reader: the build's JSON copy is the
 * document as written, every step calls an operation of the contract and says what it rests on,
 * and every status and code its criteria compare with is one the contract gives. A renamed
 * operation, a renumbered status or a changed code fails here, not as a puzzling Respect run.
 */
import { readFileSync } from 'node:fs';
import {
  type ArazzoDocument,
  type BehaviourStep,
  behaviourFiles,
  behaviourWorkflows,
  documentOperations,
  errorCatalog,
  flowInstanceStatuses,
  loadBehaviour,
} from '@enos-trigger/spec';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { expectedCodes, statusLiteralProblems } from './arazzo-literals.js';

const workflows = behaviourWorkflows();
const steps = workflows.flatMap((w) => w.steps.map((step) => ({ workflow: w, step })));
const statuses = flowInstanceStatuses();

/** A copy of the built document with one change. */
function changed(change: (workflows: Record<string, unknown>[]) => void): ArazzoDocument {
  const copy = structuredClone(loadBehaviour());
  change(copy.workflows);
  return copy;
}

describe('the built behaviour scenarios', () => {
  it('are behaviour.arazzo.yaml as written (the build is not stale)', () => {
    const written = parse(readFileSync(behaviourFiles.yaml, 'utf8')) as Record<string, unknown>;
    const { components: _empty, ...built } = loadBehaviour() as unknown as Record<string, unknown>;
    expect(built).toEqual(written);
  });

  it('name openapi.yaml beside them as their source, and operations only by id', () => {
    expect(loadBehaviour().sourceDescriptions).toEqual([
      { name: 'enos', url: './openapi.yaml', type: 'openapi' },
    ]);
    const text = readFileSync(behaviourFiles.yaml, 'utf8');
    expect(text).not.toMatch(/operationPath:|x-operation:/);
  });
});

describe('behaviourWorkflows', () => {
  it('reads every workflow with its inputs and steps, in the document’s order', () => {
    expect(workflows.map((w) => w.workflowId)).toEqual([
      'triggerThenGet',
      'listFindsTrigger',
      'duplicateMinuteRefused',
      'otherUserRefused',
      'cancelWaiting',
    ]);
    const other = workflows.find((w) => w.workflowId === 'otherUserRefused');
    expect(other?.inputs.required).toContain('otherUserId');
    expect(other?.steps.map((s) => `${s.stepId} ${s.operationId}`)).toEqual([
      'trigger triggerFlow',
      'getAsOther getFlowInstance',
      'cancelAsOther cancelFlowInstance',
      'getAsOwner getFlowInstance',
    ]);
    const cancel = other?.steps[2] as BehaviourStep;
    expect(cancel.parameters.map((p) => p.name)).toEqual(['userId', 'orgId']);
    expect(cancel.requestBody?.payload).toEqual({
      flowInstId: '$steps.trigger.outputs.flowInstanceId',
    });
  });

  it('gives each step its own x-enos-evidence, or else its workflow’s', () => {
    const evidence = (workflowId: string, stepId: string) =>
      steps.find(
        ({ workflow, step }) => workflow.workflowId === workflowId && step.stepId === stepId,
      )?.step.evidence.evidence;
    expect(evidence('otherUserRefused', 'trigger')).toBe('documented');
    expect(evidence('otherUserRefused', 'getAsOther')).toBe('inferred');
    expect(evidence('otherUserRefused', 'cancelAsOther')).toBe('documented');
    expect(evidence('duplicateMinuteRefused', 'duplicate')).toBe('inferred');
    expect(evidence('cancelWaiting', 'getLater')).toBe('inferred');
    for (const { step } of steps) expect(step.evidence.basis, step.stepId).not.toBe('');
  });

  it('refuses a workflow or step whose evidence is missing or not documented/inferred', () => {
    const withoutEvidence = changed((w) => {
      delete (w[1] as Record<string, unknown>)['x-enos-evidence'];
    });
    expect(() => behaviourWorkflows(withoutEvidence)).toThrow(
      /workflow listFindsTrigger has no valid x-enos-evidence/,
    );
    const unknownEvidence = changed((w) => {
      const step = ((w[0] as { steps: Record<string, unknown>[] }).steps[1] ?? {}) as Record<
        string,
        unknown
      >;
      step['x-enos-evidence'] = { evidence: 'guessed', basis: 'no reason' };
    });
    expect(() => behaviourWorkflows(unknownEvidence)).toThrow(
      /step get of workflow triggerThenGet has no valid x-enos-evidence/,
    );
  });
});

describe('the scenarios against the contract', () => {
  it('call only operations of the contract', () => {
    const known = new Set(documentOperations().map((op) => op.operationId as string));
    for (const { step } of steps) expect(known, step.stepId).toContain(step.operationId);
  });

  it('expect only codes the operation documents, claiming no stronger evidence than its catalog', () => {
    let refusals = 0;
    for (const { workflow, step } of steps) {
      const catalog = errorCatalog(step.operationId);
      for (const code of expectedCodes(step)) {
        if (code === 0) continue;
        refusals += 1;
        const entries = catalog.filter((entry) => entry.code === code);
        expect(
          entries.length,
          `${workflow.workflowId}.${step.stepId} expects ${code}`,
        ).toBeGreaterThan(0);
        // A step cannot be documented when every entry it may be is inferred.
        if (entries.every((entry) => entry.evidence === 'inferred')) {
          expect(step.evidence.evidence, `${workflow.workflowId}.${step.stepId}`).toBe('inferred');
        }
      }
    }
    expect(refusals).toBeGreaterThanOrEqual(3);
  });

  it('compare statuses only as a code and name pair of FlowInstanceStatus', () => {
    const problems = steps.flatMap(({ step }) => statusLiteralProblems(step, statuses));
    expect(problems).toEqual([]);
    const compared = steps.filter(({ step }) =>
      step.successCriteria.some((c) => c.condition.includes('statusDesc')),
    );
    expect(compared.length).toBeGreaterThanOrEqual(3);
  });

  it('would be caught drifting: a renumbered status, or a code compared without its name', () => {
    const cancel = statuses.find((s) => s.name === 'CANCEL');
    const renumbered = statuses.map((s) =>
      s.name === 'CANCEL' ? { ...s, code: (cancel?.code ?? 0) + 100 } : s,
    );
    const problems = steps.flatMap(({ step }) => statusLiteralProblems(step, renumbered));
    expect(problems.length).toBeGreaterThanOrEqual(3);
    expect(problems[0]).toMatch(/is no status code|comes without status/);
    const codeAlone: BehaviourStep = {
      ...(steps[0]?.step as BehaviourStep),
      stepId: 'codeAlone',
      successCriteria: [{ condition: `$response.body#/data/status == ${cancel?.code}` }],
    };
    expect(statusLiteralProblems(codeAlone, statuses)).toEqual([
      `step codeAlone: status == ${cancel?.code} comes without statusDesc == "CANCEL", its name`,
    ]);
  });
});
