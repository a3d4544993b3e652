/**
 * The hook file Dredd loads. Dredd requires it with `require()`, so it must stay CommonJS: an
 * ES module here is skipped with a mere warning and the run would test nothing (the run's guard
 * fails it if this file did not load). Everything it does is delegated to the hook context the
 * Dredd worker installs before it starts Dredd.
 */
import type { HookContext } from './hook-context.js';
import type { DreddTransaction } from './transaction.js';

type Done = () => void;
type AsyncHook<T> = (data: T, done: Done) => void;

interface DreddHooks {
  beforeAll(hook: AsyncHook<DreddTransaction[]>): void;
  beforeEach(hook: AsyncHook<DreddTransaction>): void;
  beforeEachValidation(hook: AsyncHook<DreddTransaction>): void;
  afterEach(hook: AsyncHook<DreddTransaction>): void;
}

const hooks = require('hooks') as DreddHooks;
const context = (globalThis as Record<symbol, HookContext | undefined>)[
  Symbol.for('@enos-trigger/conformance.dredd-hook-context')
];
if (!context) {
  throw new Error(
    'These hooks run only inside enos-trigger-conformance, which installs their context.',
  );
}
const ctx = context;
ctx.loaded();

function wrap<T extends DreddTransaction | DreddTransaction[]>(
  step: (data: T) => Promise<void>,
): AsyncHook<T> {
  return (data, done) => {
    step(data).then(done, (error: unknown) => {
      ctx.hookFailed(data, error);
      done();
    });
  };
}

hooks.beforeAll(wrap((transactions) => ctx.beforeAll(transactions)));
hooks.beforeEach(wrap((transaction) => ctx.beforeEach(transaction)));
hooks.beforeEachValidation(wrap((transaction) => ctx.beforeEachValidation(transaction)));
hooks.afterEach(wrap((transaction) => ctx.afterEach(transaction)));
