import { defaultFixtures, type Fixtures } from '@enos-trigger/sandbox';
import { describe, expect, it } from 'vitest';
import { anotherTriggerableFlow, conformanceFlowFlags, conformanceFlows } from '../src/banner.js';

const fixtures = (flows: Fixtures['flows'], users: Fixtures['users'] = defaultFixtures.users) => ({
  apps: defaultFixtures.apps,
  users,
  flows,
});

describe("the banner's conformance flows", () => {
  it('are every flow the default fixtures offer: a triggerable one, one without tasks, a foreign one', () => {
    const flows = conformanceFlows();
    const byId = (id: number | undefined) => defaultFixtures.flows.find((f) => f.flowId === id);
    const main = byId(flows.flowId);
    expect(main).toMatchObject({ hasTasks: true });
    expect(byId(flows.noTaskFlowId)).toMatchObject({ owner: main?.owner, hasTasks: false });
    expect(byId(flows.foreignFlowId)?.owner).not.toBe(main?.owner);
    expect(byId(flows.lockedFlowId)).toMatchObject({ owner: main?.owner, locked: true });
    expect(defaultFixtures.users.find((u) => u.userId === flows.lockedUserId)).toMatchObject({
      locked: true,
    });
    expect(conformanceFlowFlags(flows)).toBe(
      `--flow-id ${flows.flowId} --no-task-flow-id ${flows.noTaskFlowId} --foreign-flow-id ${flows.foreignFlowId}` +
        ` --locked-flow-id ${flows.lockedFlowId} --locked-user-id ${flows.lockedUserId}` +
        ` --foreign-user-id ${flows.foreignUserId}`,
    );
    expect(defaultFixtures.users.find((u) => u.userId === flows.foreignUserId)).toBeDefined();
    expect(flows.foreignUserId).not.toBe(main?.owner);
  });

  it('keep locked flows and locked users for the locked checks only', () => {
    const users = [
      { userId: 'locked', orgId: 'o', locked: true },
      { userId: 'me', orgId: 'o' },
      { userId: 'other', orgId: 'o' },
    ];
    const flows = conformanceFlows(
      fixtures(
        [
          { flowId: 1, owner: 'locked', hasTasks: true },
          { flowId: 2, owner: 'me', hasTasks: true, locked: true },
          { flowId: 3, owner: 'me', hasTasks: true },
          { flowId: 4, owner: 'me', hasTasks: false, locked: true },
          { flowId: 5, owner: 'me', hasTasks: false },
          { flowId: 6, owner: 'locked', hasTasks: true },
          { flowId: 7, owner: 'other', hasTasks: true },
        ],
        users,
      ),
    );
    expect(flows).toEqual({
      flowId: 3,
      noTaskFlowId: 5,
      foreignFlowId: 7,
      lockedFlowId: 2,
      lockedUserId: 'locked',
      foreignUserId: 'other',
    });
  });

  it('leave out the flag of a flow the fixtures do not have', () => {
    const flows = conformanceFlows(
      fixtures(
        [{ flowId: 9, owner: 'sandbox-user', hasTasks: true }],
        [{ userId: 'sandbox-user', orgId: 'sandbox-org' }],
      ),
    );
    expect(flows).toEqual({ flowId: 9 });
    expect(conformanceFlowFlags(flows)).toBe('--flow-id 9');
  });
});

describe("the banner's client example", () => {
  it('triggers a flow other than the curl sample, of the same owner, that the owner may trigger', () => {
    const [first] = defaultFixtures.flows;
    const other = defaultFixtures.flows.find(
      (f) => f.flowId === anotherTriggerableFlow(first?.flowId as number),
    );
    expect(other?.flowId).not.toBe(first?.flowId);
    expect(other).toMatchObject({ owner: first?.owner, hasTasks: true });
    expect(other?.locked).toBeFalsy();
  });
});
