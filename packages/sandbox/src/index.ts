/**
 * @enos-trigger/sandbox: a stateful reference server of EnOS Trigger Flow, for the conformance
 * suite and for integration tests that would otherwise need a real EnOS tenant.
 */
export { type Clock, type ManualClock, manualClock, systemClock } from './clock.js';
export { type ConformanceFixtures, conformanceFixtures } from './conformance-fixtures.js';
export {
  ClockNotManualError,
  type FlowView,
  type InstanceView,
  NotInFixturesError,
} from './control.js';
export { CONTROL_PREFIX } from './control-api.js';
export {
  FAULT_OPERATIONS,
  FAULT_TYPES,
  type Fault,
  type FaultOperation,
  type FaultSpec,
  FaultSpecError,
  type FaultType,
} from './faults.js';
export {
  type AppFixture,
  DEFAULT_RUN_MS,
  defaultFixtures,
  type Fixtures,
  FixturesError,
  type FlowFixture,
  type ResolvedFixtures,
  type RunResult,
  resolveFixtures,
  type UserFixture,
} from './fixtures.js';
export { loadFixturesFile } from './fixtures-file.js';
export { REASON_HEADER } from './http-io.js';
export type { InstanceStatus } from './instances.js';
export {
  DEFAULT_BODY_LIMIT,
  DEFAULT_HOST,
  DEFAULT_PORT,
  DEFAULT_TIMESTAMP_WINDOW_MS,
  type Sandbox,
  type SandboxOptions,
  startSandbox,
} from './sandbox.js';
export { DEFAULT_TIME_ZONE } from './server-time.js';
