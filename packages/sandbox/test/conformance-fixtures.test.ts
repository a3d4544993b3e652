import { describe, expect, it } from 'vitest';
import { conformanceFixtures } from '../src/conformance-fixtures.js';
import { defaultFixtures, type Fixtures } from '../src/fixtures.js';

describe('conformanceFixtures', () => {
  it('offers the default fixtures: a flow of every kind the suite checks, and a locked user', () => {
    const offered = conformanceFixtures(defaultFixtures);
    const flow = (id: number | undefined) => defaultFixtures.flows.find((f) => f.flowId === id);
    const owner = offered?.user.userId;
    expect(flow(offered?.flowId)).toMatchObject({ owner, hasTasks: true });
    expect(flow(offered?.noTaskFlowId)).toMatchObject({ owner, hasTasks: false });
    expect(flow(offered?.foreignFlowId)?.owner).not.toBe(owner);
    // Its owner, to make an instance another user holds (Get and Cancel refuse it with 62103).
    expect(offered?.foreignUserId).toBe(flow(offered?.foreignFlowId)?.owner);
    expect(defaultFixtures.users.find((u) => u.userId === offered?.foreignUserId)).toMatchObject({
      orgId: offered?.user.orgId,
    });
    expect(flow(offered?.lockedFlowId)).toMatchObject({ owner, locked: true });
    expect(defaultFixtures.users.find((u) => u.userId === offered?.lockedUserId)).toMatchObject({
      locked: true,
      orgId: offered?.user.orgId,
    });
  });

  it('never offers a flow already taken, and offers nothing without a triggerable flow', () => {
    const fixtures: Fixtures = {
      apps: defaultFixtures.apps,
      users: [{ userId: 'me', orgId: 'o' }],
      flows: [
        { flowId: 1, owner: 'me', hasTasks: true },
        { flowId: 2, owner: 'me', hasTasks: false },
        { flowId: 3, owner: 'me', hasTasks: false },
      ],
    };
    expect(conformanceFixtures(fixtures)?.noTaskFlowId).toBe(2);
    expect(conformanceFixtures(fixtures, new Set([2]))?.noTaskFlowId).toBe(3);
    expect(conformanceFixtures({ ...fixtures, flows: fixtures.flows.slice(1) })).toBeUndefined();
  });
});
