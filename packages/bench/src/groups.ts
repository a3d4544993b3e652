/** The figures of a run, in the order they are measured, and the keys each writes. */
export const FIGURE_GROUPS = {
  throughput: ['sandbox_vs_prism', 'sandbox_vs_bare', 'sandbox_mix_vs_bare'],
  growth: ['sandbox_settle_growth', 'sandbox_list_growth'],
  'client-cpu': ['client_cpu_vs_fetch'],
  'bundle-size': ['trigger_app_gzip_bytes', 'client_gzip_bytes'],
  generation: ['generation_vs_minimal'],
  conformance: ['conformance_seconds', 'conformance_vs_dredd'],
  build: ['build_warm_vs_cold'],
} as const;

export type GroupName = keyof typeof FIGURE_GROUPS;
export type FigureKey = (typeof FIGURE_GROUPS)[GroupName][number];

export const GROUP_NAMES = Object.keys(FIGURE_GROUPS) as GroupName[];
