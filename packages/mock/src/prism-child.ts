/**
 * The process that runs Prism: `node prism-child.js <Prism's CLI entry> <Prism's arguments>`.
 *
 * It loads Prism's own CLI entry in this process, so the process id the parent holds is
 * Prism's. It exits when its standard input ends: the parent keeps that pipe open, and the
 * operating system closes it whenever the parent goes away (even on SIGKILL), so Prism is
 * never left running as an orphan.
 */
import { createRequire } from 'node:module';

const [entry, ...prismArguments] = process.argv.slice(2);
if (!entry) throw new Error('usage: prism-child.js <prism entry> [prism arguments...]');

process.stdin.on('end', () => process.exit(0));
process.stdin.resume();

// Prism's CLI reads its arguments from process.argv when it is loaded.
process.argv = [process.execPath, entry, ...prismArguments];
createRequire(import.meta.url)(entry);
