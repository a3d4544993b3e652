/**
 * The local stack: the docs page, the Prism mock and the sandbox, in this process (Prism is
 * the mock's child). `npm start` and the end-to-end test both start it through here.
 */
import type { Server } from 'node:http';
import { createDocsServer, paths as docsPaths } from '@enos-trigger/docs';
import { startMock } from '@enos-trigger/mock';
import { startSandbox } from '@enos-trigger/sandbox';
import { assertPortFree, HOST, type ServiceName, type StackPorts } from './ports.js';

export interface RunningStack {
  urls: Record<ServiceName, string>;
  /** The docs page, one offline file. */
  docsFile: string;
  /** Stop everything this stack started; resolves once every port is released. */
  close(): Promise<void>;
}

interface Running {
  url: string;
  close(): Promise<void>;
}

async function serveDocs(port: number): Promise<Running> {
  const server: Server = createDocsServer(docsPaths.html);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, resolve);
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${HOST}:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const starters: Record<ServiceName, (port: number) => Promise<Running>> = {
  sandbox: (port) => startSandbox({ host: HOST, port }),
  mock: (port) => startMock({ host: HOST, port }),
  docs: serveDocs,
};

export async function startStack(ports: StackPorts): Promise<RunningStack> {
  const services = Object.keys(starters) as ServiceName[];
  for (const service of services) await assertPortFree(service, ports[service]);

  const started: Partial<Record<ServiceName, Running>> = {};
  const close = async () => {
    await Promise.all(Object.values(started).map((running) => running.close()));
  };
  try {
    for (const service of services) started[service] = await starters[service](ports[service]);
  } catch (error) {
    await close();
    throw error;
  }
  const urls = Object.fromEntries(
    services.map((service) => [service, started[service]?.url as string]),
  ) as Record<ServiceName, string>;
  return { urls, docsFile: docsPaths.html, close };
}
