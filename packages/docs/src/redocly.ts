/** Runs the pinned Redocly CLI's `build-docs`, offline and without telemetry. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { OpenApiDocument } from '@enos-trigger/spec';
import { DocsBuildError } from './errors.js';
import { paths } from './paths.js';

/** The CLI's JS entry, run with this Node: no npx, no PATH lookup. */
function redoclyEntry(): string {
  const manifestPath = createRequire(import.meta.url).resolve('@redocly/cli/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    bin: Record<string, string>;
  };
  const bin = manifest.bin.redocly;
  if (!bin) throw new DocsBuildError('@redocly/cli has no "redocly" bin. Reinstall it.');
  return join(dirname(manifestPath), bin);
}

/**
 * Redocly boxes notices around its output (seen: "build-docs now renders docs with Redoc 3" on a
 * machine's first run; an end-of-support notice on Node 20). They would bury the real error.
 */
function withoutBoxedNotices(output: string): string {
  return output
    .split('\n')
    .filter((line) => !/^\s*[╔║╚]/.test(line))
    .join('\n')
    .trim();
}

function runRedocly(args: string[], what: string): void {
  const result = spawnSync(process.execPath, [redoclyEntry(), ...args], {
    cwd: paths.packageRoot,
    // redocly.yaml also says `telemetry: off`; the variable covers a run without it.
    env: { ...process.env, REDOCLY_TELEMETRY: 'off' },
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    const output = withoutBoxedNotices(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    throw new DocsBuildError(
      `Redocly ${args[0]} failed (exit ${result.status ?? result.signal}) on ${what}:\n` +
        `${output || String(result.error)}\nRun it by hand with the same arguments to see more.`,
    );
  }
}

/**
 * Render `contractFile` to one self-contained HTML file at `outputFile`: `--inlineBundle`
 * embeds Redoc's scripts instead of loading them from Redocly's CDN.
 */
export function buildDocsHtml(contractFile: string, outputFile: string): void {
  runRedocly(
    [
      'build-docs',
      contractFile,
      '--inlineBundle',
      '--output',
      outputFile,
      '--config',
      paths.redoclyConfig,
      '--lint-config',
      'error',
    ],
    contractFile,
  );
}

/**
 * A contract file with every `$ref` resolved, as @enos-trigger/spec builds its openapi.json
 * (`redocly bundle --dereferenced`): for a build from another contract than the spec's.
 */
export function dereferencedContract(contractFile: string): OpenApiDocument {
  const dir = mkdtempSync(join(tmpdir(), 'enos-docs-contract-'));
  try {
    const output = join(dir, 'openapi.json');
    runRedocly(
      ['bundle', contractFile, '--dereferenced', '--ext', 'json', '--output', output],
      contractFile,
    );
    return JSON.parse(readFileSync(output, 'utf8')) as OpenApiDocument;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
