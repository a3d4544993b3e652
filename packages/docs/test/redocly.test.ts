import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DocsBuildError } from '../src/errors.js';
import { paths } from '../src/paths.js';
import { buildDocsHtml } from '../src/redocly.js';

describe('Redocly build-docs', () => {
  it("runs with telemetry off in the package's redocly.yaml", () => {
    const config = parse(readFileSync(paths.redoclyConfig, 'utf8')) as { telemetry?: string };
    expect(config.telemetry).toBe('off');
  });

  const dir = mkdtempSync(join(tmpdir(), 'enos-docs-redocly-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("fails with a DocsBuildError carrying Redocly's reason, without its boxed notices", () => {
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'openapi: 3.0.3\ninfo: [\n');
    const output = join(dir, 'index.html');
    let failure: unknown;
    try {
      buildDocsHtml(broken, output);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(DocsBuildError);
    const { message } = failure as DocsBuildError;
    expect(message).toContain(`Redocly build-docs failed (exit 1) on ${broken}`);
    expect(message).toContain('deficient indentation');
    expect(message).not.toMatch(/[╔║╚]/);
    expect(existsSync(output)).toBe(false);
  });
});
