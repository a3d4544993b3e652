import { compileSchema } from '@enos-trigger/spec/validation';
import { describe, expect, it } from 'vitest';
import { contractView } from '../src/contract/view.js';
import { CATEGORIES, generateCases } from '../src/plan/negative-cases.js';
import { unsafeBecause } from '../src/plan/negative-safety.js';
import { render } from '../src/plan/negative-templates.js';
import { firstTriggerTime, MINUTE_MS, planTriggerTimes } from '../src/plan/trigger-times.js';

const view = contractView();
const validRequest = compileSchema(view.trigger.requestSchema ?? {});
const values = {
  flowId: 3377,
  triggerTime: firstTriggerTime(planTriggerTimes(Date.now()).candidateMinutes[0] as number),
};

describe('generated negative requests', () => {
  const cases = generateCases(view, 200, 42, values);

  it('are exactly --negative-runs per category, and none when it is 0', () => {
    for (const category of CATEGORIES) expect(cases.get(category)).toHaveLength(200);
    for (const list of generateCases(view, 0, 42, values).values()) expect(list).toEqual([]);
  });

  it('repeat with the same seed and change with another', () => {
    const again = generateCases(view, 20, 7, values);
    expect(generateCases(view, 20, 7, values)).toEqual(again);
    expect(generateCases(view, 20, 8, values)).not.toEqual(again);
  });

  it('are all invalid for the contract (ajv on its request schema), but for bad signatures', () => {
    for (const category of CATEGORIES.filter((c) => c !== 'bad-signatures')) {
      for (const c of cases.get(category) ?? []) {
        const body = render(c.template, values);
        let parsed: unknown;
        try {
          parsed = JSON.parse(body);
        } catch {
          continue; // not JSON at all
        }
        expect(validRequest(parsed), `${category}: ${body}`).toBe(false);
      }
    }
  });

  it('sign bad-signature requests wrongly over a valid body', () => {
    for (const c of cases.get('bad-signatures') ?? []) {
      expect(c.flaw).toBeDefined();
      expect(validRequest(JSON.parse(render(c.template, values)))).toBe(true);
    }
  });

  it('show their placeholders by name in labels', () => {
    for (const c of [...cases.values()].flat()) expect(c.label).not.toContain('\u0000');
  });

  it('are all safe: none can start an instance of another minute or another flow', () => {
    for (let seed = 0; seed < 8; seed += 1) {
      for (const c of [...generateCases(view, 100, seed * 1000, values).values()].flat()) {
        expect(unsafeBecause(render(c.template, values), values), c.label).toBeUndefined();
      }
    }
  });
});

describe('the safety check itself', () => {
  const t = values.triggerTime;
  it.each([
    [`{"flowId":3377}`, 'without a trigger time'],
    [`{"flowId":3377,"triggerTime":null}`, 'without a trigger time'],
    [`{"flowId":"3377","triggerTime":${t + MINUTE_MS}}`, 'outside'],
    [`{"flowId":3377,"triggerTime":true}`, 'outside'],
    [`{"flowId":3377,"triggerTime":"0"}`, 'outside'],
    [`{"flowId":3377.9,"triggerTime":["1"]}`, 'outside'],
    [`{"flowId":12,"triggerTime":${t}}`, 'not given'],
  ])('refuses %s', (body, why) => {
    expect(unsafeBecause(body, values)).toContain(why);
  });

  it.each([
    `{"flowId":3377,"triggerTime":${t}}`,
    `{"flowId":3377.5,"triggerTime":${t}.5}`,
    `{"flowId":3377,"triggerTime":"soon"}`,
    `{"flowId":3377,"triggerTime":1e30}`,
    `{"flowId":0,"triggerTime":true}`,
    `{"flowId":2147483648,"triggerTime":0}`,
    `{"triggerTime":0}`,
    '{"flowId":3377,',
  ])('lets %s through', (body) => {
    expect(unsafeBecause(body, values)).toBeUndefined();
  });
});
