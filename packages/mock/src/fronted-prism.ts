/**
 * Prism behind the front: Prism on a free port of 127.0.0.1, serving the contract's copy with
 * internal paths, and the front on the host and port the caller chose, routing each request.
 */
import { type Forwarder, startForwarder } from './forwarder.js';
import { type PrismServer, spawnPrism } from './prism-process.js';
import { type ServedContract, writeDocumentFile } from './served-contract.js';

/** Prism and the proxy's back listen here only: nothing but the front should reach them. */
export const INTERNAL_HOST = '127.0.0.1';

export interface FrontedOptions {
  host: string;
  port: number;
  served: ServedContract;
  onLog: ((line: string) => void) | undefined;
  /** Prism's arguments for the document file, without host and port. */
  prismArguments(file: string): string[];
  /** Servers that live as long as this Prism (the proxy's back), closed after it. */
  companions?: Forwarder[];
}

/**
 * The front listens first, so that a port in use is told before Prism is started; Prism then
 * gets a free port of its own.
 */
export async function startFrontedPrism(options: FrontedOptions): Promise<PrismServer> {
  const companions = options.companions ?? [];
  const closeCompanions = () => Promise.all(companions.map((server) => server.close()));
  let front: Forwarder;
  try {
    front = await startForwarder({
      host: options.host,
      port: options.port,
      routing: options.served.front,
      targetName: "the mock's Prism process",
      hostHeader: 'client',
    });
  } catch (error) {
    await closeCompanions();
    throw error;
  }
  const document = writeDocumentFile(options.served.document);
  try {
    const prism = await spawnPrism(
      [...options.prismArguments(document.file), '--host', INTERNAL_HOST, '--port', '0'],
      { host: INTERNAL_HOST, port: 0, onLog: options.onLog },
    );
    void prism.exited.then(document.remove);
    front.forwardTo(prism.url);
    let closing: Promise<void> | undefined;
    return {
      url: front.url,
      pid: prism.pid,
      exited: prism.exited,
      close() {
        closing ??= (async () => {
          await front.close();
          await prism.close();
          await closeCompanions();
        })();
        return closing;
      },
    };
  } catch (error) {
    document.remove();
    await front.close();
    await closeCompanions();
    throw error;
  }
}
