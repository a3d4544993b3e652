/**
 * Preloaded into a TypeScript sample's process by the sample runner
 * (`node --import tsx --import <this file> sample.ts`): `Date.now()` reads
 * SAMPLE_CLOCK_SHIFT_MS milliseconds later than the machine's clock, so the sample runs as if
 * at another time (a minute later, say) without the test waiting for it.
 */
const raw = process.env.SAMPLE_CLOCK_SHIFT_MS ?? '0';
const shiftMs = Number(raw);
if (!Number.isFinite(shiftMs)) {
  throw new Error(`SAMPLE_CLOCK_SHIFT_MS must be a number of milliseconds, not "${raw}".`);
}
const machineNow = Date.now.bind(Date);
Date.now = () => machineNow() + shiftMs;

export {};
