import { describe, expect, it } from 'vitest';
import { portsFromEnv } from '../src/ports.js';

describe('ports', () => {
  it('default to 4000, 4010 and 4020', () => {
    expect(portsFromEnv({})).toEqual({ docs: 4000, mock: 4010, sandbox: 4020 });
  });

  it('come from DOCS_PORT, MOCK_PORT and SANDBOX_PORT', () => {
    expect(portsFromEnv({ DOCS_PORT: '5000', MOCK_PORT: '5010', SANDBOX_PORT: '0' })).toEqual({
      docs: 5000,
      mock: 5010,
      sandbox: 0,
    });
  });

  it('refuse a value that is not a port, naming the variable', () => {
    expect(() => portsFromEnv({ MOCK_PORT: 'http' })).toThrow(/MOCK_PORT must be a whole number/);
    expect(() => portsFromEnv({ SANDBOX_PORT: '70000' })).toThrow(/SANDBOX_PORT/);
  });
});
