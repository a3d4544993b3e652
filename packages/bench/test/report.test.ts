/** A figure that could not be measured shows as an error with its reason, and fails the run. */
import { describe, expect, it } from 'vitest';
import { figure } from '../src/figure.js';
import { renderReport } from '../src/report.js';
import { allMeasured, type BenchResult } from '../src/run.js';

const run: BenchResult['run'] = {
  mode: 'quick',
  startedAt: '2025-01-01T00:00:00.000Z',
  seconds: 1,
  machine: {
    cpu: 'test cpu',
    cores: 2,
    memoryGiB: 4,
    node: 'v20.19.0',
    platform: 'linux x64',
    loadAverage: 0,
  },
  groups: ['bundle-size', 'conformance'],
  processes: [],
};
const measured = figure({
  value: 3900,
  baseline: 2600,
  unit: 'B gzipped',
  valueLabel: 'client',
  baselineLabel: 'openapi-fetch',
  goal: { on: 'value', atMost: 4000 },
});

describe('the report', () => {
  it('prints a measured figure with its ratio and verdict, and a failed one with its reason', () => {
    const failure = { error: 'enos-trigger-conformance exited 1 against the sandbox' };
    const result: BenchResult = {
      run,
      client_gzip_bytes: measured,
      conformance_seconds: failure,
      conformance_vs_dredd: failure,
    };
    const text = renderReport(result);
    expect(text).toMatch(
      /\| client_gzip_bytes +\| 3,900 B gzipped \(client\) +\| 2,600 B gzipped \(openapi-fetch\) +\| 1\.50× +\| value ≤ 4000 +\| yes +\|/,
    );
    expect(text).toMatch(/\| conformance_seconds +\| not measured .*\| ERROR \|/);
    expect(text).toContain(
      '- conformance_seconds, conformance_vs_dredd: enos-trigger-conformance exited 1 against the sandbox',
    );
    expect(text).toContain('test cpu, 2 cores');
    expect(allMeasured(result)).toBe(false);
  });

  it('counts a run whose every figure was measured as complete, goals met or not', () => {
    const missed = { ...measured, met: false };
    const result: BenchResult = {
      run,
      trigger_app_gzip_bytes: measured,
      client_gzip_bytes: missed,
      conformance_seconds: measured,
      conformance_vs_dredd: measured,
    };
    expect(allMeasured(result)).toBe(true);
    expect(allMeasured({ ...result, conformance_vs_dredd: undefined })).toBe(false);
    expect(allMeasured({ ...result, trigger_app_gzip_bytes: undefined })).toBe(false);
  });
});
