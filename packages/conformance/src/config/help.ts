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
  --locked-user-id ID     A locked user of --org-id: checks the "user locked" answer (62105),
                          triggering --flow-id as that user, and asking to cancel the run's
                          instance as that user (else skipped).
  --locked-flow-id N      A locked flow of --user-id: checks Trigger Flow's "workflow locked"
                          answer (62106) (else skipped). Cancel's 62106 is always skipped: no
                          call of the API makes an instance of a locked workflow.
  --foreign-user-id ID    Another unlocked user of --org-id, who does not own --flow-id: asks
                          as that user for the run's instance (Get, Cancel) and lists with it
                          as owner, each of which must be refused with "not the owner" (62103)
                          (else skipped); with --behaviour, also rule 6.
                          Without --server, the bundled sandbox's own are used for all five.
  --stateless             The server is a stateless mock (such as the Prism mock): skip the
                          checks only a server with state, signatures and real flows can pass.

Checks:
  --strict                Inferred checks fail instead of warning. A difference in a part the
                          contract does not know (such as the words of a token service error)
                          is information (INFO), never a failure, even with --strict.
  --negative-runs N       Generated invalid requests per negative category (default 20,
                          at most 10000; 0 skips the negative lane).
  --seed N                Seed of the negative lane's generator, to repeat a run's requests.
  --oversize-bytes N      Size of the body sent to provoke 413 (default 1048577).

Behaviour lane (after the other checks; off unless asked for):
  --behaviour             Prove the behaviour around a trigger: a past trigger time runs at
                          once; a flow runs one instance at a time, the others WAIT and run
                          after it in trigger-time order; Get returns what Trigger created;
                          List finds it; a cancelled waiting instance ends CANCEL and never
                          runs; Get and Cancel refuse another user's instance. It triggers
                          4 instances of --flow-id (and the Arazzo workflows, run by Redocly
                          Respect, a few more), cancels what it leaves waiting, and prints its
                          budget before it sends anything. Against the bundled sandbox it
                          moves the sandbox's clock instead of waiting.
  --behaviour-timeout S   The longest one wait may take, in seconds (default 300; decimals
                          allowed). A wait that reaches it warns (fails with --strict), and
                          the run's default --deadline grows by the lane's worst case.
  --poll-interval S       Seconds between two reads of a wait (default 5; decimals allowed).
                          Rule 6 (another user refused) asks as --foreign-user-id.

Limits (what a server answers is untrusted input):
  --max-response-bytes N  Read at most N bytes of an answer (default 1048576, 1 MiB). A longer
                          answer fails its check, saying so.
  --request-timeout S     Seconds to wait for one answer (default 15).
  --deadline S            Seconds the whole run may take (default 300; with --behaviour, the
                          lane's worst case more: its waits, its requests, Respect's time
                          limit, cleanup). Then it stops, reports what it checked until then
                          and why it stopped, and exits 1.
  --max-timeouts N        Stop the run, saying why, after N requests in a row got no answer
                          within --request-timeout (default 3).

Contract:
  --contract FILE         Test against this OpenAPI document (JSON; $refs inside it are
                          resolved) instead of the bundled one. Every operation in it is
                          checked: Dredd's transactions with their schemas, envelope and
                          content type, and a negative lane of invalid query parameters.

Output:
  --report-dir DIR        Write junit.xml (for CI) and report.md (readable) into DIR, which
                          must be writable (checked before anything is sent). With --dry-run,
                          write the plan instead: plan.md and plan.json.
  --dry-run               List every request the run would send, and send none.
  --help                  Show this text.

Exit codes:
  0  no check failed (with --strict, no inferred check failed either)
  1  the server violates the contract (the table names each violation), or the run
     stopped before its end (--deadline, --max-timeouts), with a verdict that says why
  2  a usage or configuration error; the message says what to fix. Also when the server
     refuses the run's own trigger of --flow-id as a mistake in the flags (the flow does not
     exist, is not --user-id's, has no task, or the user or the flow is locked)

A flag may be given once.
`;
