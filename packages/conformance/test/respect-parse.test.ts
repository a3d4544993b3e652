/**
 * Respect's JSON report read into the suite's outcome: the shape @redocly/cli 2.77 writes, a
 * step that runs another workflow, terminal colours taken out, long messages cut; and a report
 * that is not that shape is a RespectError that says so, never a crash or a silent pass.
 */
import { describe, expect, it } from 'vitest';
import { RespectError } from '../src/respect/outcome.js';
import { MAX_MESSAGE_CHARS, parseRespectReport } from '../src/respect/parse.js';

const check = (name: string, passed: boolean, severity = 'error', message = 'm') => ({
  name,
  passed,
  severity,
  message,
});
const report = (workflows: unknown[], globalTimeoutError = false) =>
  JSON.stringify({
    files: { 'a.arazzo.yaml': { executedWorkflows: workflows, globalTimeoutError } },
  });

describe('parseRespectReport', () => {
  it('reads workflows, steps and checks; a failed warn check does not fail its step', () => {
    const parsed = parseRespectReport(
      report([
        {
          workflowId: 'w',
          status: 'error',
          executedSteps: [
            { stepId: 'ok', status: 'warn', checks: [check('schema check', false, 'warn')] },
            {
              stepId: 'bad',
              status: 'error',
              checks: [
                check('success criteria check', false, 'error', '\u001b[31mred\u001b[0m words'),
              ],
            },
          ],
        },
      ]),
    );
    expect(parsed.timedOut).toBe(false);
    expect(parsed.workflows).toEqual([
      {
        id: 'w',
        passed: false,
        steps: [
          { id: 'ok', passed: true, checks: [check('schema check', false, 'warn')] },
          {
            id: 'bad',
            passed: false,
            checks: [check('success criteria check', false, 'error', 'red words')],
          },
        ],
      },
    ]);
  });

  it('fails a step whose error check failed even when its status says success', () => {
    const parsed = parseRespectReport(
      report([
        {
          workflowId: 'w',
          status: 'success',
          executedSteps: [{ stepId: 's', status: 'success', checks: [check('c', false)] }],
        },
      ]),
    );
    expect(parsed.workflows[0]?.passed).toBe(false);
  });

  it('folds a step that runs another workflow into one step, its checks named by step', () => {
    const inner = {
      workflowId: 'inner',
      stepId: 'call',
      status: 'success',
      executedSteps: [{ stepId: 'x', checks: [check('c', true)] }],
    };
    const parsed = parseRespectReport(report([{ workflowId: 'w', executedSteps: [inner] }]));
    expect(parsed.workflows[0]?.steps).toEqual([
      { id: 'call', passed: true, checks: [{ ...check('x: c', true) }] },
    ]);
  });

  it('cuts a long message and says a global timeout', () => {
    const long = 'y'.repeat(MAX_MESSAGE_CHARS + 50);
    const parsed = parseRespectReport(
      report(
        [
          {
            workflowId: 'w',
            globalTimeoutError: true,
            executedSteps: [{ stepId: 's', checks: [check('c', true, 'error', long)] }],
          },
        ],
        true,
      ),
    );
    expect(parsed.timedOut).toBe(true);
    expect(parsed.workflows[0]?.passed).toBe(false);
    expect(parsed.workflows[0]?.steps[0]?.checks[0]?.message).toHaveLength(MAX_MESSAGE_CHARS + 1);
  });

  it.each([
    ['not JSON', '{"files":', 'it is not JSON'],
    ['null', 'null', 'no "files" object'],
    ['files as a list', '{"files":[]}', 'no "files" object'],
    ['no workflow list', '{"files":{"a":{}}}', 'no "executedWorkflows" list'],
    ['a workflow without id', report([{ executedSteps: [] }]), 'no "workflowId" text'],
    [
      'a check without verdict',
      report([{ workflowId: 'w', executedSteps: [{ stepId: 's', checks: [{ name: 'c' }] }] }]),
      'no boolean "passed"',
    ],
    [
      'a step that is a string',
      report([{ workflowId: 'w', executedSteps: ['s'] }]),
      'a step entry is not an object',
    ],
  ])('refuses %s with a RespectError', (_what, text, says) => {
    expect(() => parseRespectReport(text)).toThrow(RespectError);
    expect(() => parseRespectReport(text)).toThrow(says);
  });
});
