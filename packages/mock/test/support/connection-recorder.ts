/**
 * Records, inside the Prism processes started after `recordConnections()`, every outgoing TCP
 * connection they open (see record-connections.cjs), to check that Prism phones nowhere.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
