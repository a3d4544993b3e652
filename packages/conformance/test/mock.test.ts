/**
 * Against the Prism mock (@enos-trigger/mock), which answers the contract's examples and
 * checks requests but keeps no state and knows no secret. With --stateless the run passes on
 * what such a mock can satisfy, and skips the rest with that reason.
 */
import { startMock } from '@enos-trigger/mock';
import { describe, expect, it } from 'vitest';
import { conform } from './support/conform.js';

describe('the Prism mock, with --stateless', () => {
  it('passes the checks a stateless mock can satisfy, and skips the others saying why', async () => {
    const mock = await startMock({ port: 0 });
    try {
      const run = await conform(['--server', mock.url, '--app-key', 'mock-key', '--stateless'], {
        ENOS_APP_SECRET: 'mock-secret-not-checked',
      });
      expect(run.code, run.output).toBe(0);
      for (const title of [
        'Get Access Token · success',
        'Trigger Flow · success',
        'Trigger Flow · 401',
        'negative · wrong types',
        'negative · missing fields',
        'negative · junk JSON',
        'negative · huge numbers',
        'every answer:',
        'Dredd loaded the CommonJS hooks',
        // The instance operations, with what the mock's trigger answered (the contract's links).
        'Get Flow Instance · success',
        'List Flow Instances · success',
        'Cancel Flow Instance · success',
        'Cancel Flow Instance · 401',
        'negative · Cancel Flow Instance · invalid query parameters and bodies',
      ]) {
        expect(run.row(title).status, title).toBe('pass');
      }
      for (const title of [
        '62102 · cannot create instance',
        '1001 · duplicated encryption',
        'Trigger Flow · 413',
        'flowInstanceId encodes',
        'negative · bad signatures',
        'Cancel Flow Instance · 62102 · instance already finished',
        'Get Flow Instance · 62102 · no such instance',
      ]) {
        expect(run.row(title), title).toMatchObject({
          status: 'skip',
          text: expect.stringContaining('stateless'),
        });
      }
    } finally {
      await mock.close();
    }
  });
});
