/**
 * Respect's JSON report (`respect -J`, @redocly/cli 2.77), read into a RespectOutcome. Its shape
 * is Respect's, not ours, and may change with a version: every field is checked for its type
 * as it is read, and a report that is not the expected shape is a RespectError naming what
 * was missing, never a crash or a silent pass. The shape read:
 *
 *     { files: { <file>: { globalTimeoutError, executedWorkflows: [
 *         { workflowId, status, executedSteps: [
 *             { stepId, status, checks: [{ name, passed, message, severity }] }
 *           | { workflowId, stepId?, status, executedSteps: [...] }   // a step running a workflow
 *         ] } ] } } }
 */
import {
  type RespectCheck,
  RespectError,
  type RespectStep,
  type RespectWorkflow,
} from './outcome.js';

/** The most of a check's message kept: Respect quotes whole bodies in schema failures. */
export const MAX_MESSAGE_CHARS = 2000;

type Json = Record<string, unknown>;

export interface ParsedReport {
  workflows: RespectWorkflow[];
  timedOut: boolean;
}

export function parseRespectReport(text: string): ParsedReport {
  let report: unknown;
  try {
    report = JSON.parse(text);
  } catch {
    throw shapeError('it is not JSON');
  }
  const files = objectAt(report, 'files');
  const workflows: RespectWorkflow[] = [];
  let timedOut = false;
  for (const file of Object.values(files)) {
    if (!isObject(file)) throw shapeError('a file entry is not an object');
    timedOut ||= file.globalTimeoutError === true;
    for (const workflow of arrayAt(file, 'executedWorkflows')) {
      workflows.push(readWorkflow(workflow));
    }
  }
  return { workflows, timedOut };
}

function readWorkflow(value: unknown): RespectWorkflow {
  if (!isObject(value)) throw shapeError('a workflow entry is not an object');
  const id = stringAt(value, 'workflowId');
  const steps = arrayAt(value, 'executedSteps').map(readStep);
  const failed = value.status === 'error' || value.globalTimeoutError === true;
  return { id, passed: !failed && steps.every((step) => step.passed), steps };
}

function readStep(value: unknown): RespectStep {
  if (!isObject(value)) throw shapeError('a step entry is not an object');
  if (Array.isArray(value.executedSteps)) {
    // A step that runs another workflow: its checks are those of that workflow's steps.
    const inner = readWorkflow(value);
    const id = typeof value.stepId === 'string' ? value.stepId : inner.id;
    return {
      id,
      passed: inner.passed,
      checks: inner.steps.flatMap((step) =>
        step.checks.map((check) => ({ ...check, name: `${step.id}: ${check.name}` })),
      ),
    };
  }
  const checks = arrayAt(value, 'checks').map(readCheck);
  const failed = value.status === 'error' || checks.some(failsStep);
  return { id: stringAt(value, 'stepId'), passed: !failed, checks };
}

function readCheck(value: unknown): RespectCheck {
  if (!isObject(value)) throw shapeError('a check entry is not an object');
  if (typeof value.passed !== 'boolean') throw shapeError('a check has no boolean "passed"');
  return {
    name: stringAt(value, 'name'),
    passed: value.passed,
    message: cleanMessage(value.message),
    severity: typeof value.severity === 'string' ? value.severity : 'error',
  };
}

function failsStep(check: RespectCheck): boolean {
  return !check.passed && check.severity === 'error';
}

/** Respect colours its messages for a terminal; a report needs the words only. */
export function cleanMessage(message: unknown): string {
  if (typeof message !== 'string') return '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences start with ESC.
  const text = message.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '').trim();
  return text.length <= MAX_MESSAGE_CHARS ? text : `${text.slice(0, MAX_MESSAGE_CHARS)}…`;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectAt(value: unknown, key: string): Json {
  const found = isObject(value) ? value[key] : undefined;
  if (!isObject(found)) throw shapeError(`it has no "${key}" object`);
  return found;
}

function arrayAt(value: Json, key: string): unknown[] {
  const found = value[key];
  if (!Array.isArray(found)) throw shapeError(`an entry has no "${key}" list`);
  return found;
}

function stringAt(value: Json, key: string): string {
  const found = value[key];
  if (typeof found !== 'string') throw shapeError(`an entry has no "${key}" text`);
  return found;
}

function shapeError(problem: string): RespectError {
  return new RespectError(
    `Respect's JSON report cannot be read: ${problem}. The runner reads the report of @redocly/cli 2.77.0; ` +
      'check that this version is the one installed.',
  );
}
