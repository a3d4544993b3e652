import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { portsFromEnv } from '../src/ports.js';
import { exitOf, spawnStack, waitForOutput } from './support.js';

describe('ports', () => {
  it('default to 4000, 4010 and 4020', () => {
    expect(portsFromEnv({})).toEqual({ docs: 4000, mock: 4010, sandbox: 4020 });
  });

  it('come from DOCS_PORT, MOCK_PORT and SANDBOX_PORT', () => {
    expect(portsFromEnv({ DOCS_PORT: '5000', MOCK_PORT: '5010', SANDBOX_PORT: '0' })).toEqual({
      docs: 5000,
      mock: 5010,
      sandbox: 0,
    });
  });

  it('refuse a value that is not a port, naming the variable', () => {
    expect(() => portsFromEnv({ MOCK_PORT: 'http' })).toThrow(/MOCK_PORT must be a whole number/);
    expect(() => portsFromEnv({ SANDBOX_PORT: '70000' })).toThrow(/SANDBOX_PORT/);
  });

  it('in use stop the start with a message naming the variable to change, and nothing left', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as { port: number }).port;
    try {
      const stack = spawnStack({ SANDBOX_PORT: String(port) });
      const output = await waitForOutput(stack, /SANDBOX_PORT/).catch((e: Error) => e.message);
      expect(output).toContain(`Port ${port} for the sandbox is already in use`);
      expect(output).toContain(`SANDBOX_PORT=${port + 1} npm start`);
      expect(output).not.toMatch(/\n\s+at /); // no stack trace
      expect(await exitOf(stack)).toBe(2);
    } finally {
      holder.close();
    }
  }, 30_000);
});
