/**
 * One test per fact of EnOS's Get Flow Instance, List Flow Instances and Cancel Flow Instance
 * pages (the EnOS notes, §9), and the agreement of the contract's examples with each other. The
 * expected values are the documentation's own, written out, so that a contradicting change fails.
 */
import {
  errorCatalog,
  findOperation,
  flowInstanceStatuses,
  type JsonSchema,
  type MediaType,
  type OperationId,
  operationRoute,
  successExample,
} from '@enos-trigger/spec';
import { compileSchema } from '@enos-trigger/spec/validation';
import { describe, expect, it } from 'vitest';
import { contract } from './contract.js';

const INSTANCE_OPERATIONS = ['getFlowInstance', 'listFlowInstances', 'cancelFlowInstance'] as const;
const WIRE_PATH = '/batch-processing-service/v2.1/flowInstances';

const answer = (id: OperationId) =>
  findOperation(id).operation.responses['200']?.content?.['application/json'] as MediaType;
const requestBody = (id: OperationId) =>
  findOperation(id).operation.requestBody?.content['application/json'] as MediaType;
const schemas = contract.components.schemas as Record<string, JsonSchema>;
const properties = (name: string) => schemas[name]?.properties as Record<string, JsonSchema>;
const flat = (text: unknown) => String(text).replace(/\s+/g, ' ');

interface FlowInstance {
  instanceId: string;
  flowId: number;
  status: number;
  statusDesc: string;
  triggerTime: string;
  startTime: string;
  endTime: string;
  calDt: string;
}

/** Every FlowInstance the contract's examples show: Get's data and List's items. */
function exampleInstances(): [string, FlowInstance][] {
  const found: [string, FlowInstance][] = [];
  for (const [name, example] of Object.entries(answer('getFlowInstance').examples ?? {})) {
    const data = (example.value as { data: FlowInstance | null }).data;
    if (data) found.push([`getFlowInstance #${name}`, data]);
  }
  for (const [name, example] of Object.entries(answer('listFlowInstances').examples ?? {})) {
    const data = (example.value as { data: { flowInsts: FlowInstance[] } | null }).data;
    for (const item of data?.flowInsts ?? []) found.push([`listFlowInstances #${name}`, item]);
  }
  return found;
}

/** The UTC minute of a `yyyy-MM-dd HH:mm:ss` written in UTC, as an instance ID's 14 digits. */
const idDigits = (utc: string) => `${utc.replace(/\D/g, '').slice(0, 12)}00`;

describe('routes', () => {
  it.each([
    ['getFlowInstance', 'GET', 'get'],
    ['listFlowInstances', 'POST', 'search'],
    ['cancelFlowInstance', 'POST', 'cancel'],
  ] as const)('%s is %s /flowInstances?action=%s', (id, method, action) => {
    expect(operationRoute(id)).toMatchObject({
      method,
      path: WIRE_PATH,
      pathKey: `${WIRE_PATH}?action=${action}`,
      fixedQuery: { action },
    });
  });

  it.each([
    ['getFlowInstance', ['flowInstId', 'orgId', 'userId']],
    ['listFlowInstances', ['orgId', 'userId']],
    ['cancelFlowInstance', ['orgId', 'userId']],
  ] as const)('%s takes the mandatory query strings %j and nothing else', (id, names) => {
    const parameters = findOperation(id).operation.parameters ?? [];
    expect(parameters.map((p) => p.name).sort()).toEqual(names);
    for (const p of parameters) {
      expect(p).toMatchObject({ in: 'query', required: true, schema: { type: 'string' } });
    }
  });

  it('Get takes no body; List and Cancel require one', () => {
    expect(findOperation('getFlowInstance').operation.requestBody).toBeUndefined();
    expect(findOperation('listFlowInstances').operation.requestBody?.required).toBe(true);
    expect(findOperation('cancelFlowInstance').operation.requestBody?.required).toBe(true);
  });

  it('Cancel takes {flowInstId}', () => {
    expect(requestBody('cancelFlowInstance').schema).toMatchObject({
      required: ['flowInstId'],
      properties: { flowInstId: { type: 'string' } },
    });
  });
});

describe('FlowInstance', () => {
  const fields = properties('FlowInstance');

  it('has every documented field with its documented type', () => {
    const types = Object.fromEntries(
      Object.entries(fields).map(([name, field]) => [name, field.type]),
    );
    expect(types).toEqual({
      instanceId: 'string',
      flowId: 'integer',
      flowName: 'string',
      freq: 'string',
      cycle: 'string',
      parameters: 'string',
      doAs: 'string',
      graph: 'string',
      status: 'integer',
      statusDesc: 'string',
      triggerTime: 'string',
      startTime: 'string',
      endTime: 'string',
      timestamp: 'string',
      virtual: 'boolean',
      owner: 'string',
      alertMode: 'integer',
      calDt: 'string',
      hasEditPri: 'boolean',
      hasReadPri: 'boolean',
    });
  });

  it.each(['graph', 'parameters'])(
    'types %s as the string every sample shows, marked inferred with the documented type',
    (name) => {
      expect(fields[name]?.['x-enos-evidence']).toBe('inferred');
      expect(flat(fields[name]?.description)).toMatch(
        /Documented as a (Map|struct)\. \*Inferred:\*/,
      );
    },
  );

  it('marks the time zone of its string times, and the empty start and end times, inferred', () => {
    for (const name of ['triggerTime', 'startTime', 'endTime', 'timestamp']) {
      expect(fields[name]?.['x-enos-evidence'], name).toBe('inferred');
    }
    expect(flat(fields.triggerTime?.description)).toMatch(/\*Inferred:\* the time zone/);
    expect(flat(fields.endTime?.description)).toMatch(/empty string while it has not happened/);
    const pending = compileSchema(fields.startTime as JsonSchema);
    expect(pending('')).toBe(true);
    expect(compileSchema(fields.triggerTime as JsonSchema)('')).toBe(false);
  });

  it('types status with the statuses of the contract', () => {
    expect(fields.status?.enum).toEqual(flowInstanceStatuses().map((s) => s.code));
  });

  it('carries isCancelled in list items only', () => {
    expect(fields.isCancelled).toBeUndefined();
    const item = compileSchema(schemas.FlowInstanceListItem as JsonSchema);
    const [[, instance] = ['', {}]] = exampleInstances();
    expect(item({ ...instance, isCancelled: false })).toBe(true);
    expect(item(instance)).toBe(false);
  });
});

describe('the examples', () => {
  const instances = exampleInstances();

  it('show the documented Get sample', () => {
    const sample = instances.find(([, i]) => i.instanceId === '2809-20190808093200')?.[1];
    expect(sample).toMatchObject({
      flowId: 2809,
      status: 1,
      statusDesc: 'SUCCESS',
      triggerTime: '2019-08-08 09:32:12',
      startTime: '2019-08-08 09:32:30',
      endTime: '2019-08-08 09:32:32',
      timestamp: '2019-08-08 09:34:36.0',
      calDt: '2019-08-07',
    });
  });

  it('Get and List answer first the instance that Trigger Flow’s request example creates', () => {
    const trigger = requestBody('triggerFlow').example as { flowId: number; triggerTime: number };
    const { data } = successExample('triggerFlow').value as { data: { flowInstanceId: string } };
    const created = data.flowInstanceId;
    const got = (successExample('getFlowInstance').value as { data: FlowInstance }).data;
    const listed = (
      successExample('listFlowInstances').value as { data: { flowInsts: FlowInstance[] } }
    ).data.flowInsts;
    expect(got).toMatchObject({ instanceId: created, flowId: trigger.flowId });
    expect(listed.map((i) => i.instanceId)).toContain(created);
    expect(got.triggerTime).toBe(
      new Date(trigger.triggerTime).toISOString().slice(0, 19).replace('T', ' '),
    );
  });

  it('ask for that instance: Get’s flowInstId and Cancel’s body name it', () => {
    const { data } = successExample('triggerFlow').value as { data: { flowInstanceId: string } };
    const get = findOperation('getFlowInstance').operation.parameters?.find(
      (p) => p.name === 'flowInstId',
    );
    expect(get?.example).toBe(data.flowInstanceId);
    expect(requestBody('cancelFlowInstance').example).toEqual({ flowInstId: data.flowInstanceId });
  });

  it.each(instances)('%s: its ID is its flow and the UTC minute of its trigger time', (_, i) => {
    expect(i.instanceId).toBe(`${i.flowId}-${idDigits(i.triggerTime)}`);
  });

  it.each(instances)('%s: its calDt is the day before its trigger date', (_, i) => {
    const [y, m, d] = i.triggerTime.slice(0, 10).split('-').map(Number) as [number, number, number];
    expect(i.calDt).toBe(new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10));
  });

  it.each(instances)('%s: its statusDesc is the name of its status', (_, i) => {
    expect(flowInstanceStatuses().find((s) => s.code === i.status)?.name).toBe(i.statusDesc);
  });

  it.each(instances)('%s: it started after its trigger time and ended after that', (_, i) => {
    expect(i.startTime >= i.triggerTime && i.endTime >= i.startTime).toBe(true);
  });
});

describe('List Flow Instances', () => {
  const body = requestBody('listFlowInstances');
  const request = body.schema as JsonSchema;
  const fields = request.properties as Record<string, JsonSchema>;
  const validate = compileSchema(request);
  const pagination = properties('Pagination');

  it('filters by type, expression, owner, trigger time and a comma-separated status string', () => {
    expect(fields.type?.enum).toEqual([0, 1, 2]);
    expect(fields.expression?.type).toBe('string');
    expect(fields.owner?.type).toBe('string');
    expect(fields.fromTriggerTime).toMatchObject({ type: 'integer', format: 'int64' });
    expect(fields.toTriggerTime).toMatchObject({ type: 'integer', format: 'int64' });
    expect(fields.status?.type).toBe('string');
    expect(validate({ status: '1,2,3' })).toBe(true);
    expect(validate({ status: '1;2' })).toBe(false);
  });

  it('pages from 1 with a pageSize above 0, sorted by the five documented fields', () => {
    expect(pagination.pageNo).toMatchObject({ type: 'integer', minimum: 1 });
    expect(pagination.pageSize).toMatchObject({ type: 'integer', minimum: 1 });
    expect(properties('Sorter').field?.enum).toEqual([
      'createTime',
      'updateTime',
      'startTime',
      'triggerTime',
      'endTime',
    ]);
    expect(properties('Sorter').order?.enum).toEqual(['ASC', 'DESC']);
    expect(validate({ pagination: { pageNo: 0, pageSize: 10 } })).toBe(false);
    expect(validate({ pagination: { pageNo: 1, pageSize: 0 } })).toBe(false);
  });

  it('answers {flowInsts, count}', () => {
    expect(schemas.FlowInstancePage?.required).toEqual(['flowInsts', 'count']);
  });

  it('documents a page past the end, pageSize 0 and an unbounded pageSize', () => {
    const description = flat(findOperation('listFlowInstances').operation.description);
    expect(description).toMatch(
      /A page past the last match is answered with `code` 0, an empty `flowInsts` and the total `count`/,
    );
    expect(description).toMatch(/a `pageSize` of 0 is an invalid request \(62102\)/);
    expect(description).toMatch(/No upper bound is documented/);
  });
});

describe('the catalogs', () => {
  const codes = (id: OperationId) => errorCatalog(id).map((e) => `${e.code} ${e.name}`);

  it.each([
    [
      'getFlowInstance',
      [
        '62101 userNotInOrg',
        '62102 invalidRequest',
        '62102 instanceNotFound',
        '62103 noPrivilege',
        '62109 internalError',
      ],
    ],
    [
      'listFlowInstances',
      [
        '62101 userNotInOrg',
        '62102 invalidRequest',
        '62102 invalidSorter',
        '62103 noPrivilege',
        '62109 internalError',
      ],
    ],
    [
      'cancelFlowInstance',
      [
        '62101 userNotInOrg',
        '62102 invalidRequest',
        '62102 instanceNotFound',
        '62102 instanceFinished',
        '62103 noPrivilege',
        '62105 userLocked',
        '62106 workflowLocked',
        '62109 internalError',
      ],
    ],
  ] as const)('%s holds the common codes and its own', (id, expected) => {
    expect(codes(id)).toEqual(expected);
  });

  it.each(INSTANCE_OPERATIONS)('%s: the common codes have their documented messages', (id) => {
    const message = (code: number) => errorCatalog(id).find((e) => e.code === code)?.message;
    expect(message(62101)).toBe('userId does not exist, or it does not match to orgId.');
    expect(message(62103)).toBe('User has no privilege.');
    expect(message(62109)).toBe('Internal server exception');
    for (const code of [62101, 62103, 62109]) {
      const entry = errorCatalog(id).find((e) => e.code === code);
      expect(entry?.parts, `${id} ${code}`).toMatchObject({
        code: 'documented',
        message: 'documented',
      });
    }
  });

  it('an invalid sorter is the documented 62102 with its exact message', () => {
    const sorter = errorCatalog('listFlowInstances').find((e) => e.name === 'invalidSorter');
    expect(sorter).toMatchObject({
      code: 62102,
      message: 'The sorters field parameter is invalid',
      evidence: 'documented',
    });
  });

  it('an unknown instance and cancelling a finished one are this contract’s choices, marked so', () => {
    for (const id of ['getFlowInstance', 'cancelFlowInstance'] as const) {
      const entry = errorCatalog(id).find((e) => e.name === 'instanceNotFound');
      expect(entry?.parts).toEqual({
        code: 'inferred',
        message: 'unknown',
        status: 'inferred',
        when: 'inferred',
      });
      expect(flat(entry?.when)).toMatch(
        /\*Inferred:\* EnOS documents no answer for an unknown instance/,
      );
    }
    const finished = errorCatalog('cancelFlowInstance').find((e) => e.name === 'instanceFinished');
    expect(finished?.evidence).toBe('inferred');
  });

  it('a cancel by another user than the owner is documented; a Get of one is inferred', () => {
    const privilege = (id: OperationId) =>
      errorCatalog(id).find((e) => e.code === 62103)?.parts.when;
    expect(privilege('cancelFlowInstance')).toBe('documented');
    expect(privilege('getFlowInstance')).toBe('inferred');
  });

  it.each([
    ['userLocked', 'inferred'],
    ['workflowLocked', 'unknown'],
  ] as const)(
    'Cancel answers %s, a documented prerequisite, with Trigger Flow’s code and message, marked inferred',
    (name, message) => {
      const cancel = errorCatalog('cancelFlowInstance').find((e) => e.name === name);
      const trigger = errorCatalog('triggerFlow').find((e) => e.name === name);
      expect(cancel?.value).toEqual(trigger?.value);
      expect(cancel?.parts).toEqual({
        code: 'inferred',
        message,
        status: 'inferred',
        when: 'documented',
      });
      expect(cancel?.evidence).toBe('inferred');
      expect(flat(cancel?.when)).toMatch(/names the prerequisite .*\*Inferred:\* /);
      expect(cancel?.advice).toMatch(/cancel/);
      expect(cancel?.advice).not.toMatch(/trigger/i);
    },
  );

  it('Cancel’s order of checks is stated, marked inferred', () => {
    const description = flat(findOperation('cancelFlowInstance').operation.description);
    expect(description).toMatch(/Neither the user nor the workflow is locked\./);
    expect(description).toMatch(
      /\*Inferred:\* no page gives the order of the checks.*62101.*62105.*62102.*62103.*62106.*62102 already finished/,
    );
  });

  it('a successful cancel answers data ""', () => {
    expect(successExample('cancelFlowInstance').value).toEqual({ code: 0, msg: 'OK', data: '' });
  });
});
