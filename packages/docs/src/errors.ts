/** The one error the docs build throws; its message says what went wrong and what to do. */
export class DocsBuildError extends Error {
  override readonly name = 'DocsBuildError';
}
