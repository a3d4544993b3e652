/**
 * The errors this package gives. Each message says what went wrong and what to do next; the
 * CLI prints the message alone (no stack trace).
 */

/** An option has a value the mock cannot use (the CLI exits 2 on it). */
export class InvalidOptionError extends Error {
  override readonly name = 'InvalidOptionError';
}

/** The contract file cannot be read, or its operations cannot be told apart. */
export class InvalidContractError extends Error {
  override readonly name = 'InvalidContractError';

  constructor(
    readonly file: string,
    reason: string,
  ) {
    const said = reason
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/(?<![.:!?])$/, '.');
    super(
      `The contract ${file} cannot be served: ${said} Fix the file (an OpenAPI 3.0 document ` +
        'in YAML or JSON, whose $refs name local files: the mock fetches nothing) or give ' +
        'another one (--contract).',
    );
  }
}

/** Prism could not listen because another process already holds the port. */
export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';

  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    super(
      `Port ${port} on ${host} is already in use, so Prism cannot listen there. ` +
        `Stop the process holding it (\`ss -ltnp 'sport = :${port}'\` shows which one) ` +
        'or choose another port (--port, or the port option; 0 picks a free one).',
    );
  }
}

/** Prism exited, or did not answer, before it was ready. */
export class PrismStartError extends Error {
  override readonly name = 'PrismStartError';

  constructor(
    reason: string,
    /** The last lines Prism printed, to see why. */
    readonly output: string[],
  ) {
    const tail = output.length > 0 ? `\nPrism's last output:\n  ${output.join('\n  ')}` : '';
    super(`Prism did not start: ${reason}.${tail}`);
  }
}
