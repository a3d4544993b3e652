// Preloaded into Prism (NODE_OPTIONS=--require) by connection-recorder.ts. It appends every
// outgoing TCP connection the process opens (HTTP, HTTPS, fetch: all go through
// net.Socket#connect) to RECORD_CONNECTIONS_DIR/<pid>.jsonl.
const { appendFileSync } = require('node:fs');
const net = require('node:net');
const { join } = require('node:path');

const file = join(process.env.RECORD_CONNECTIONS_DIR, `${process.pid}.jsonl`);
const connect = net.Socket.prototype.connect;

net.Socket.prototype.connect = function recordConnect(...args) {
  // Node passes its normalised [options, callback] pair, or the caller's own arguments.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const target =
    typeof first === 'object' && first !== null
      ? first.path
        ? { path: first.path }
        : { host: first.host ?? 'localhost', port: Number(first.port) }
      : { host: args[1] ?? 'localhost', port: Number(first) };
  appendFileSync(file, `${JSON.stringify(target)}\n`);
  return connect.apply(this, args);
};
