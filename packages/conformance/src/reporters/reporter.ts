/**
 * Every output of a run's results is a reporter: a handler of one stream of events, in order:
 * the phases of the run, each check's result as it completes (already redacted), and the end
 * with the summary. The reporters are listed in one place (registry.ts); the run only feeds the
 * stream.
 */
import type { CheckResult, RunSummary } from '../results/model.js';
import type { Redactor } from '../results/redact.js';

export interface ReportMeta {
  target: string;
  startedAt: Date;
  durationMs: number;
  strict: boolean;
  contract: string;
  /** What the run warned about at its start (a secret too short to redact). */
  warnings?: string[];
}

export interface Reporter {
  /** A heading of the run's progress. */
  onPhase?(title: string): void;
  onResult?(result: CheckResult): void;
  /** The run's end; a reporter that writes a file answers its path. */
  onEnd?(summary: RunSummary, meta: ReportMeta): Promise<string | undefined> | undefined;
}

/** What a reporter may use: the terminal, the report directory, the run's redactor. */
export interface ReporterEnv {
  /** Prints a line (the run redacts it once more). */
  print(text: string): void;
  /** --report-dir, made ready before the run started. */
  reportDir?: string;
  redactor: Redactor;
}

/** A reporter for a run, or undefined when it has nothing to do in it (no --report-dir). */
export type ReporterFactory = (env: ReporterEnv) => Reporter | undefined;

/** The one stream of a run's results, fanned out to its reporters in their order. */
export class ResultStream {
  private readonly reporters: Reporter[];

  constructor(factories: readonly ReporterFactory[], env: ReporterEnv) {
    this.reporters = factories.flatMap((create) => create(env) ?? []);
  }

  phase(title: string): void {
    for (const reporter of this.reporters) reporter.onPhase?.(title);
  }

  result(result: CheckResult): void {
    for (const reporter of this.reporters) reporter.onResult?.(result);
  }

  /** The end of the run: the paths of the files the reporters wrote. */
  async end(summary: RunSummary, meta: ReportMeta): Promise<string[]> {
    const paths: string[] = [];
    for (const reporter of this.reporters) {
      const path = await reporter.onEnd?.(summary, meta);
      if (path !== undefined) paths.push(path);
    }
    return paths;
  }
}
