/**
 * The headers the run signs its calls with, checked against the documented algorithm computed
 * here independently: sha256(accessToken + sorted query + raw body + timestamp + appSecret).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contractView } from '../src/contract/view.js';
import { operationQuery, operationUrl, signedHeaders, tokenRequestBody } from '../src/http/api.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const view = contractView();

describe('signing', () => {
  it('signs the sorted query and the raw body, in the headers the contract names', async () => {
    const query = operationQuery(view.trigger, { userId: 'u1', orgId: 'o1' });
    expect(query).toEqual([
      ['action', 'trigger'],
      ['userId', 'u1'],
      ['orgId', 'o1'],
    ]);
    const body = '{"flowId":3377,"triggerTime":1574385824000}';
    const headers = await signedHeaders(view, view.trigger, {
      accessToken: 'tok',
      appSecret: 'sec',
      query,
      body,
      timestamp: 1700000000000,
    });
    expect(headers).toEqual({
      'content-type': 'application/json;charset=UTF-8',
      'apim-accesstoken': 'tok',
      'apim-signature': sha256(`tokactiontriggerorgIdo1userIdu1${body}1700000000000sec`),
      'apim-timestamp': '1700000000000',
    });
  });

  it('asks for a token with sha256(appKey + timestamp + appSecret)', async () => {
    const body = JSON.parse(
      await tokenRequestBody({ appKey: 'key', appSecret: 'sec' }, 1574385824000),
    );
    expect(body).toEqual({
      appKey: 'key',
      encryption: sha256('key1574385824000sec'),
      timestamp: 1574385824000,
    });
  });
});

describe('URLs', () => {
  it("keep the server's path prefix, as a gateway mounted under a path needs", () => {
    const query = operationQuery(view.trigger, { userId: 'u 1', orgId: 'o' });
    expect(operationUrl('https://gw.example.com/enos/', view.trigger, query)).toBe(
      'https://gw.example.com/enos/batch-processing-service/v2.1/flows?action=trigger&userId=u+1&orgId=o',
    );
    expect(operationUrl('http://127.0.0.1:1', view.token, [])).toBe(
      'http://127.0.0.1:1/apim-token-service/v2.0/token/get',
    );
  });
});
