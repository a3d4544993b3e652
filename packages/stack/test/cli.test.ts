/** enos-trigger-stack, the command (`npm start`): help, wrong usage and a start that fails. */
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { exitOf, spawnStack, waitForOutput } from './support.js';

/** Everything the command printed once it has exited, with its exit code. */
async function finished(env: Record<string, string>, args: string[] = []) {
  const stack = spawnStack(env, args);
  let output = '';
  stack.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  stack.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const code = await exitOf(stack);
  return { code, output };
}

describe('enos-trigger-stack', () => {
  it('--help lists the port variables and the exit codes, and starts nothing', async () => {
    const { code, output } = await finished({}, ['--help']);
    expect(code).toBe(0);
    for (const text of ['DOCS_PORT', 'MOCK_PORT', 'SANDBOX_PORT', 'Exit codes']) {
      expect(output).toContain(text);
    }
    expect(output).not.toContain('listening');
  });

  it('exits 2 on an argument it does not take, pointing to --help', async () => {
    const { code, output } = await finished({}, ['--port', '1']);
    expect(code).toBe(2);
    expect(output).toContain("enos-trigger-stack: Unknown option '--port'.");
    expect(output).toContain('Run enos-trigger-stack --help for the usage.');
  });

  it('exits 2 on a port variable that is not a port, naming it', async () => {
    const { code, output } = await finished({ MOCK_PORT: 'http' });
    expect(code).toBe(2);
    expect(output).toContain('MOCK_PORT must be a whole number from 0 to 65535, not "http".');
  });

  it('exits 1 on a port in use, naming the variable to change, and leaves nothing', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as { port: number }).port;
    try {
      const stack = spawnStack({ SANDBOX_PORT: String(port) });
      const output = await waitForOutput(stack, /SANDBOX_PORT/).catch((e: Error) => e.message);
      expect(output).toContain(`Port ${port} for the sandbox is already in use`);
      expect(output).toContain(`SANDBOX_PORT=${port + 1} npm start`);
      expect(output).not.toMatch(/\n\s+at /); // no stack trace
      expect(await exitOf(stack)).toBe(1);
    } finally {
      holder.close();
    }
  });
});
