/**
 * A reporter that writes one file of --report-dir at the run's end, through the run's redactor
 * once more (which knows the escaped forms of every secret too). Without --report-dir it has
 * nothing to do.
 */
import type { RunSummary } from '../results/model.js';
import { writeRedacted } from './report-dir.js';
import type { ReporterFactory, ReportMeta } from './reporter.js';

export function reportFile(
  name: string,
  render: (summary: RunSummary, meta: ReportMeta) => string,
): ReporterFactory {
  return ({ reportDir, redactor }) =>
    reportDir === undefined
      ? undefined
      : {
          onEnd: async (summary, meta) => {
            const [path] = await writeRedacted(
              reportDir,
              [[name, render(summary, meta)]],
              redactor,
            );
            return path;
          },
        };
}
