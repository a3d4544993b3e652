import { loadContract } from '@enos-trigger/spec';
import { describe, expect, it } from 'vitest';
import { flowInstanceIdOf } from '../src/flow-instance-id.js';
import { parseFlowInstanceId } from '../src/index.js';

describe('parseFlowInstanceId', () => {
  it('splits the seed instance into its flow and its UTC minute', () => {
    expect(parseFlowInstanceId('3377-20191122012300')).toEqual({
      flowId: 3377,
      instant: new Date('2019-11-22T01:23:00Z'),
    });
    expect(parseFlowInstanceId('2791-19700101000000')).toEqual({
      flowId: 2791,
      instant: new Date(0),
    });
  });

  it("accepts only what the contract's pattern accepts", () => {
    const schema = loadContract().components.schemas.FlowInstanceId as {
      properties: { flowInstanceId: { pattern: string } };
    };
    const pattern = new RegExp(schema.properties.flowInstanceId.pattern);
    for (const id of [
      '3377-20191122012300',
      '0-20191122012300',
      '3377-2019112201230',
      '3377_20191122012300',
      '-20191122012300',
    ]) {
      if (!pattern.test(id)) expect(parseFlowInstanceId(id)).toBeUndefined();
    }
  });

  it('refuses digits that are no real UTC time', () => {
    for (const digits of [
      '20191322012300',
      '20190230012300',
      '20191122250000',
      '20191122016000',
      '20191122012360',
    ]) {
      expect(parseFlowInstanceId(`3377-${digits}`)).toBeUndefined();
    }
  });
});

describe('flowInstanceIdOf', () => {
  it('gives the instance of a manual trigger: the flow, then the UTC minute of the trigger time', () => {
    expect(flowInstanceIdOf(3377, 1574385824000)).toBe('3377-20191122012300');
    expect(flowInstanceIdOf(2791, Date.parse('2031-12-31T23:59:59.999Z'))).toBe(
      '2791-20311231235900',
    );
    expect(parseFlowInstanceId(flowInstanceIdOf(1, 0))).toEqual({
      flowId: 1,
      instant: new Date(0),
    });
  });
});
