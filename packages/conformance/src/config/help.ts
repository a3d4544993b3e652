/** The text of `--help`: every flag, the environment, the exit codes. */
export const HELP = `enos-trigger-conformance: prove that a Trigger Flow deployment honours the contract.

Usage:
  enos-trigger-conformance [--server URL --app-key KEY --app-secret SECRET
                            --user-id ID --org-id ID --flow-id N] [options]

Without --server it starts the bundled sandbox on a free port, tests it and stops it.

Target:
  --server URL            The deployment to test (its API gateway's base URL).
  --app-key KEY           The application's access key. Env: ENOS_APP_KEY.
  --app-secret SECRET     The application's secret key. Env: ENOS_APP_SECRET.
                          Prefer the environment variable: a flag shows in the process list.
  --user-id ID            The user that owns --flow-id (query userId).
  --org-id ID             The user's organization (query orgId).
  --flow-id N             A flow the run may trigger. Required for a server that is not on
                          this machine. The run starts at most one instance of it on a server
                          that keeps the contract, with a past trigger time, and prints how
                          many requests name it before it starts.
  --no-task-flow-id N     A flow without tasks: checks the "no task" answer (else skipped).
  --foreign-flow-id N     A flow owned by another user: checks the "no privilege" answer
                          (else skipped).
  --stateless             The server is a stateless mock (such as the Prism mock): skip the
                          checks only a server with state, signatures and real flows can pass.

Checks:
  --strict                Inferred checks fail instead of warning.
  --negative-runs N       Generated invalid requests per negative category (default 20,
                          at most 10000; 0 skips the negative lane).
  --seed N                Seed of the negative lane's generator, to repeat a run's requests.
  --oversize-bytes N      Size of the body sent to provoke 413 (default 1048577).

Output:
  --report-dir DIR        Write junit.xml (for CI) and report.md (readable) into DIR.
  --dry-run               List every request the run would send, and send none.
  --help                  Show this text.

Exit codes:
  0  no check failed (with --strict, no inferred check failed either)
  1  the server violates the contract (the table names each violation)
  2  a usage or configuration error; the message says what to fix
`;
