/**
 * Records, inside the Prism processes started after `recordConnections()`, every outgoing TCP
 * connection they open (see record-connections.cjs), to check that Prism phones nowhere.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RECORDER = fileURLToPath(new URL('./record-connections.cjs', import.meta.url));

export interface Connection {
  host?: string;
  port?: number;
  path?: string;
}

export interface ConnectionRecorder {
  /** Every connection the process `pid` has opened so far. */
  connectionsOf(pid: number): Connection[];
  /** Puts the environment back and deletes the recordings. */
  stop(): void;
}

/** Call before starting Prism: Prism inherits this test process's environment. */
export function recordConnections(): ConnectionRecorder {
  const directory = mkdtempSync(join(tmpdir(), 'enos-mock-connections-'));
  const saved = {
    NODE_OPTIONS: process.env.NODE_OPTIONS,
    RECORD_CONNECTIONS_DIR: process.env.RECORD_CONNECTIONS_DIR,
  };
  process.env.NODE_OPTIONS = `${saved.NODE_OPTIONS ?? ''} --require ${RECORDER}`.trim();
  process.env.RECORD_CONNECTIONS_DIR = directory;
  return {
    connectionsOf(pid) {
      let text: string;
      try {
        text = readFileSync(join(directory, `${pid}.jsonl`), 'utf8');
      } catch {
        return []; // no file: the process has opened no connection
      }
      return text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Connection);
    },
    stop() {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

export interface InProcessRecorder {
  /** Every connection this process has opened since `recordThisProcess()`. */
  connections: Connection[];
  /** Stops recording. */
  stop(): void;
}

/**
 * Records the outgoing TCP connections of this test process, where the mock's front and the
 * proxy's back run, the way record-connections.cjs does inside Prism.
 */
export function recordThisProcess(): InProcessRecorder {
  const connect = Socket.prototype.connect;
  const connections: Connection[] = [];
  Socket.prototype.connect = function recordConnect(this: Socket, ...args: unknown[]) {
    const first = (Array.isArray(args[0]) ? args[0][0] : args[0]) as
      | { host?: string; port?: number | string; path?: string }
      | number
      | string;
    connections.push(
      typeof first === 'object' && first !== null
        ? first.path
          ? { path: first.path }
          : { host: first.host ?? 'localhost', port: Number(first.port) }
        : { host: (args[1] as string | undefined) ?? 'localhost', port: Number(first) },
    );
    return (connect as (...all: unknown[]) => Socket).apply(this, args);
  } as typeof connect;
  return {
    connections,
    stop() {
      Socket.prototype.connect = connect;
    },
  };
}
