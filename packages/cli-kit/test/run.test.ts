import { describe, expect, it } from 'vitest';
import {
  type Command,
  CommandFailure,
  EXIT,
  type Output,
  runCommand,
  UsageError,
} from '../src/index.js';

function captured(): Output & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    out: () => out,
    err: () => err,
  };
}

function command(overrides: Partial<Command<string>>): Command<string> {
  return {
    program: 'enos-trigger-test',
    usage: 'Usage: enos-trigger-test [--name NAME]',
    parse: (argv) => argv.join(' '),
    main: () => EXIT.ok,
    ...overrides,
  };
}

describe('runCommand', () => {
  it('gives main the parsed options and its exit code', async () => {
    const seen: string[] = [];
    const output = captured();
    const code = await runCommand(
      command({
        main: (options) => {
          seen.push(options);
          return EXIT.failure;
        },
      }),
      ['a', 'b'],
      output,
    );
    expect([code, seen, output.out(), output.err()]).toEqual([EXIT.failure, ['a b'], '', '']);
  });

  it('keeps undefined for a command that is still serving', async () => {
    expect(await runCommand(command({ main: async () => undefined }), [], captured())).toBe(
      undefined,
    );
  });

  it('answers --help on stdout with exit 0, before reading anything else', async () => {
    const output = captured();
    const code = await runCommand(
      command({
        usage: () => 'built usage',
        parse: () => {
          throw new Error('parse must not run');
        },
      }),
      ['--bogus', '--help'],
      output,
    );
    expect([code, output.out(), output.err()]).toEqual([EXIT.ok, 'built usage\n', '']);
  });

  it('tells a UsageError with a pointer to --help, exit 2', async () => {
    const output = captured();
    const code = await runCommand(
      command({
        parse: () => {
          throw new UsageError('--name must not be empty.');
        },
      }),
      [],
      output,
    );
    expect(code).toBe(EXIT.usage);
    expect(output.err()).toBe(
      'enos-trigger-test: --name must not be empty.\nRun enos-trigger-test --help for the usage.\n',
    );
    expect(output.out()).toBe('');
  });

  it('tells a UsageError thrown by main the same way', async () => {
    const output = captured();
    const main = async () => {
      throw new UsageError('the server refused the credentials.');
    };
    expect(await runCommand(command({ main }), [], output)).toBe(EXIT.usage);
    expect(output.err()).toContain('refused the credentials.\nRun enos-trigger-test --help');
  });

  it('tells a CommandFailure alone, without a stack trace, exit 1', async () => {
    const output = captured();
    const main = async () => {
      throw new CommandFailure('Port 4020 is already in use: choose another one (--port).');
    };
    expect(await runCommand(command({ main }), [], output)).toBe(EXIT.failure);
    expect(output.err()).toBe(
      'enos-trigger-test: Port 4020 is already in use: choose another one (--port).\n',
    );
  });

  it('tells anything else as a bug, with its stack trace, exit 1', async () => {
    const output = captured();
    const main = () => {
      throw new TypeError('cannot read x of undefined');
    };
    expect(await runCommand(command({ main }), [], output)).toBe(EXIT.failure);
    expect(output.err()).toMatch(/^enos-trigger-test: unexpected error, a bug: please report it/);
    expect(output.err()).toContain('TypeError: cannot read x of undefined');
    expect(output.err()).toMatch(/\n\s+at /);
  });

  it('tells a thrown value that is not an Error', async () => {
    const output = captured();
    const main = () => {
      throw 'plain text';
    };
    expect(await runCommand(command({ main }), [], output)).toBe(EXIT.failure);
    expect(output.err()).toContain('plain text\n');
  });
});

describe('EXIT', () => {
  it('is 0 ok, 1 failure, 2 usage, as every --help documents', () => {
    expect(EXIT).toEqual({ ok: 0, failure: 1, usage: 2 });
  });
});
