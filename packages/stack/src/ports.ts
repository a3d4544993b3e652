/** The stack's ports: each read from its own environment variable, with a default. */
import { createServer } from 'node:net';

export const HOST = '127.0.0.1';

export const PORT_VARIABLES = {
  docs: { variable: 'DOCS_PORT', fallback: 4000 },
  mock: { variable: 'MOCK_PORT', fallback: 4010 },
  sandbox: { variable: 'SANDBOX_PORT', fallback: 4020 },
} as const;

export type ServiceName = keyof typeof PORT_VARIABLES;
export type StackPorts = Record<ServiceName, number>;

/** A bad port setting or a port in use; the message names the variable to change. */
export class StackPortError extends Error {
  override name = 'StackPortError';
}

export function portsFromEnv(env: NodeJS.ProcessEnv): StackPorts {
  const read = (service: ServiceName): number => {
    const { variable, fallback } = PORT_VARIABLES[service];
    const raw = env[variable];
    if (raw === undefined || raw === '') return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) > 65535) {
      throw new StackPortError(`${variable} must be a whole number from 0 to 65535, not "${raw}".`);
    }
    return Number(raw);
  };
  return { docs: read('docs'), mock: read('mock'), sandbox: read('sandbox') };
}

/**
 * Fail before anything starts if a port is taken, so that the message can name the variable
 * that moves it. Port 0 (any free port) is always free.
 */
export async function assertPortFree(service: ServiceName, port: number): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(port, HOST, () => probe.close(() => resolve()));
  }).catch((error: NodeJS.ErrnoException) => {
    const { variable } = PORT_VARIABLES[service];
    const reason =
      error.code === 'EADDRINUSE' ? 'is already in use' : `cannot be used (${error.code})`;
    throw new StackPortError(
      `Port ${port} for the ${service} ${reason}. Stop what holds it, or choose another port: ` +
        `${variable}=${port + 1} npm start`,
    );
  });
}
