/**
 * The behaviour scenarios this package ships beside the contract (behaviour.arazzo.yaml, Arazzo
 * 1.0), read from the JSON copy the build writes into dist, so that no reader needs a YAML
 * parser at run time. What a scenario shows is data in the document: each workflow's and step's
 * `x-enos-evidence` says whether what it checks is documented or inferred, and why.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Evidence, JsonSchema, OperationId } from './index.js';

/** Where the scenarios live: the document Respect runs, and the build's JSON copy of it. */
export const behaviourFiles = {
  /** The Arazzo document at the package's root, beside openapi.yaml, its source description. */
  yaml: fileURLToPath(new URL('../behaviour.arazzo.yaml', import.meta.url)),
  /** The same document as JSON (`redocly bundle` at build time). */
  json: fileURLToPath(new URL('./behaviour.arazzo.json', import.meta.url)),
} as const;

/** What a workflow or step checks rests on, as the contract's evidence does. */
export interface BehaviourEvidence {
  evidence: Evidence;
  /** Where it is written, or why it is inferred. */
  basis: string;
}

export interface BehaviourParameter {
  name: string;
  in: string;
  /** A literal, or a runtime expression such as `$inputs.userId`. */
  value: unknown;
}

export interface BehaviourCriterion {
  condition: string;
  context?: string;
  type?: string;
}

export interface BehaviourStep {
  stepId: string;
  operationId: OperationId;
  parameters: BehaviourParameter[];
  requestBody?: { contentType?: string; payload: unknown };
  successCriteria: BehaviourCriterion[];
  /** The step's own `x-enos-evidence`, or else its workflow's. */
  evidence: BehaviourEvidence;
}

export interface BehaviourWorkflow {
  workflowId: string;
  summary: string;
  /** The inputs it declares: those Respect must be given (`required`), and what each is. */
  inputs: { required: string[]; properties: Record<string, JsonSchema> };
  evidence: BehaviourEvidence;
  steps: BehaviourStep[];
}

/** The Arazzo document as the build wrote it, for readers of parts this module leaves out. */
export interface ArazzoDocument {
  arazzo: string;
  info: { title: string; version: string; description?: string };
  sourceDescriptions: { name: string; url: string; type?: string }[];
  workflows: Record<string, unknown>[];
}

const EVIDENCE = 'x-enos-evidence';

let cached: ArazzoDocument | undefined;

/** The built Arazzo document, read once per process. */
export function loadBehaviour(): ArazzoDocument {
  cached ??= JSON.parse(readFileSync(behaviourFiles.json, 'utf8')) as ArazzoDocument;
  return cached;
}

/**
 * The workflows of the behaviour scenarios, in the document's order, each step with its
 * operation, its inputs (parameters and body, as the document writes them), its success
 * criteria and its evidence. A workflow or step whose evidence is missing or malformed is an
 * error that names it: every step says what it rests on.
 */
export function behaviourWorkflows(
  document: ArazzoDocument = loadBehaviour(),
): BehaviourWorkflow[] {
  return document.workflows.map((workflow) => {
    const workflowId = text(workflow.workflowId, 'a workflow has no workflowId');
    const own = evidenceOf(workflow[EVIDENCE], `workflow ${workflowId}`);
    const inputs = (workflow.inputs ?? {}) as {
      required?: string[];
      properties?: Record<string, JsonSchema>;
    };
    const steps = (workflow.steps ?? []) as Record<string, unknown>[];
    return {
      workflowId,
      summary: text(workflow.summary ?? workflowId, `workflow ${workflowId}'s summary`),
      inputs: { required: inputs.required ?? [], properties: inputs.properties ?? {} },
      evidence: own,
      steps: steps.map((step) => {
        const stepId = text(step.stepId, `a step of workflow ${workflowId} has no stepId`);
        const where = `step ${stepId} of workflow ${workflowId}`;
        const body = step.requestBody as BehaviourStep['requestBody'];
        return {
          stepId,
          operationId: text(
            step.operationId,
            `${where} names no operationId (the scenarios name operations only by id)`,
          ) as OperationId,
          parameters: (step.parameters ?? []) as BehaviourParameter[],
          ...(body === undefined ? {} : { requestBody: body }),
          successCriteria: (step.successCriteria ?? []) as BehaviourCriterion[],
          evidence: step[EVIDENCE] === undefined ? own : evidenceOf(step[EVIDENCE], where),
        };
      }),
    };
  });
}

function evidenceOf(value: unknown, where: string): BehaviourEvidence {
  const { evidence, basis } = (value ?? {}) as Partial<Record<keyof BehaviourEvidence, unknown>>;
  if ((evidence !== 'documented' && evidence !== 'inferred') || typeof basis !== 'string') {
    throw new Error(
      `behaviour.arazzo.yaml's ${where} has no valid ${EVIDENCE}: give it { evidence: documented or inferred, basis: why }, then rebuild @enos-trigger/spec.`,
    );
  }
  return { evidence, basis };
}

function text(value: unknown, problem: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new Error(`behaviour.arazzo.yaml: ${problem}. Fix it, then rebuild @enos-trigger/spec.`);
  }
  return value;
}
