/** The thrown style over the returned one. */
import { describe, expect, it } from 'vitest';
import { TriggerFlowError, type TriggerFlowFailure, unwrap } from '../src/index.js';

describe('unwrap', () => {
  it('hands a success back as it is', () => {
    const success = {
      ok: true as const,
      flowInstanceId: '3377-20191122012300',
      flowId: 3377,
      instant: new Date(0),
    };
    expect(unwrap(success)).toBe(success);
  });

  it('throws a failure as a TriggerFlowError that carries it', () => {
    const failure: TriggerFlowFailure = {
      kind: 'timeout',
      timeoutMs: 300,
      mayHaveTriggered: true,
      message: 'No answer in 300 ms.',
    };
    const thrown = (() => {
      try {
        unwrap({ ok: false, error: failure });
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(TriggerFlowError);
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown).toMatchObject({ name: 'TriggerFlowError', message: failure.message, failure });
  });
});
