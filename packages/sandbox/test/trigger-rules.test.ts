import { successExample } from '@enos-trigger/spec';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { triggerError } from './support/contract.js';
import { envelope, getToken, signedTrigger, trigger, triggerQuery } from './support/enos.js';

const SEED_TIME = 1574385824000; // 2019-11-22T01:23:44Z
let sandbox: Sandbox;
let token: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  token = await getToken(sandbox.url);
});
beforeEach(() => sandbox.reset());
afterAll(() => sandbox.close());

describe('a trigger that every rule allows', () => {
  it("answers the contract's success with the UTC-minute instance ID", async () => {
    const res = await trigger(sandbox.url, token, 3377, SEED_TIME);
    expect(res.status).toBe(200);
    expect(res.json).toEqual(successExample('triggerFlow').value);
    expect(envelope(res).data).toEqual({ flowInstanceId: '3377-20191122012300' });
  });

  it('writes a trigger time of 0 as the seed sample does', async () => {
    const res = await trigger(sandbox.url, token, 2791, 0);
    expect(envelope(res).data).toEqual({ flowInstanceId: '2791-19700101000000' });
  });

  it("accepts a numeric-string flowId, as the live service does for Envision's Python sample", async () => {
    const res = await trigger(sandbox.url, token, '3377', SEED_TIME);
    expect(envelope(res)).toMatchObject({
      code: 0,
      data: { flowInstanceId: '3377-20191122012300' },
    });
  });

  it('refuses a string that is not a whole number as flowId', async () => {
    for (const flowId of ['3377.5', 'abc', '', ' 3377', '0x0d31', '-3377']) {
      const res = await trigger(sandbox.url, token, flowId, SEED_TIME);
      expect([flowId, res.json]).toEqual([flowId, triggerError('invalidRequestBody')]);
    }
  });
});

describe('the business answers, read from the contract', () => {
  const cases: [string, number, string, string][] = [
    ['an unknown user', 3377, 'nobody', 'userNotInOrg'],
    ['a locked user', 4231, 'locked-user', 'userLocked'],
    ['a flow that does not exist', 9999, 'sandbox-user', 'cannotCreateInstance'],
    ['a user who is not the owner', 4030, 'sandbox-user', 'noPrivilege'],
    ['a locked workflow', 4230, 'sandbox-user', 'workflowLocked'],
    ['a workflow with no task', 4040, 'sandbox-user', 'noTask'],
  ];
  for (const [what, flowId, userId, answer] of cases) {
    it(`answers ${what} with ${answer}`, async () => {
      const res = await trigger(sandbox.url, token, flowId, SEED_TIME, userId);
      expect(res.status).toBe(200);
      expect(res.json).toEqual(triggerError(answer));
    });
  }

  it('answers a user of another org with 62101', async () => {
    const res = await trigger(sandbox.url, token, 3377, SEED_TIME, 'sandbox-user');
    expect(envelope(res).code).toBe(0);
    const other = await signedTrigger(sandbox.url, {
      token,
      body: JSON.stringify({ flowId: 2791, triggerTime: SEED_TIME }),
      query: triggerQuery('sandbox-user', 'another-org'),
    });
    expect(other.json).toEqual(triggerError('userNotInOrg'));
  });

  it('states the seed page facts exactly', async () => {
    const noTask = await trigger(sandbox.url, token, 4040, SEED_TIME);
    expect(noTask.json).toEqual({
      code: 62104,
      msg: 'This workflow has no task. You cannot trigger it.',
      data: null,
    });
  });
});

describe('one trigger per flow and UTC minute', () => {
  it('refuses a second trigger of the same flow in the same minute', async () => {
    expect(envelope(await trigger(sandbox.url, token, 3377, SEED_TIME)).code).toBe(0);
    const sameMinute = await trigger(sandbox.url, token, 3377, SEED_TIME + 15_000);
    expect(sameMinute.json).toEqual(triggerError('cannotCreateInstance'));
  });

  it('accepts the next minute, and the same minute of another flow', async () => {
    expect(envelope(await trigger(sandbox.url, token, 3377, SEED_TIME)).code).toBe(0);
    expect(envelope(await trigger(sandbox.url, token, 3377, SEED_TIME + 60_000)).data).toEqual({
      flowInstanceId: '3377-20191122012400',
    });
    expect(envelope(await trigger(sandbox.url, token, 2791, SEED_TIME)).code).toBe(0);
  });
});
