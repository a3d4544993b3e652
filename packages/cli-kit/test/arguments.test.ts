import { describe, expect, it } from 'vitest';
import { asksForHelp, parseArguments, UsageError } from '../src/index.js';

const OPTIONS = { port: { type: 'string' }, quick: { type: 'boolean' } } as const;

function usageMessage(args: string[]): string {
  try {
    parseArguments({ args, options: OPTIONS, strict: true, allowPositionals: false });
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`no UsageError for ${args.join(' ')}`);
}

describe('parseArguments', () => {
  it('reads what node:util reads', () => {
    const { values } = parseArguments({
      args: ['--port', '0', '--quick'],
      options: OPTIONS,
      strict: true,
    });
    expect(values).toEqual({ port: '0', quick: true });
  });

  it.each([
    [['--bogus'], "Unknown option '--bogus'."],
    [['--port'], "Option '--port <value>' argument missing."],
    [['extra'], "Unexpected argument 'extra'."],
  ])('turns %j into a UsageError with node’s first sentence, naming the option', (args, text) => {
    expect(usageMessage(args)).toBe(text);
  });

  it('lets through an error that is not a parse error', () => {
    const broken = { args: [], options: { port: { type: 'number' } } } as never;
    expect(() => parseArguments(broken)).toThrow(TypeError);
    expect(() => parseArguments(broken)).not.toThrow(UsageError);
  });
});

describe('asksForHelp', () => {
  it.each([
    [['--help'], true],
    [['-h'], true],
    [['proxy', '--port', 'abc', '-h'], true],
    [['--port', '0'], false],
    [['--', '--help'], false],
    [['--helpful'], false],
  ])('%j: %s', (argv, expected) => {
    expect(asksForHelp(argv)).toBe(expected);
  });
});
