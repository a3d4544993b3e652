/**
 * The packages as people can install them today: `npm run pack`'s tarballs, installed into
 * empty projects with the commands each README prints, then used; and the conformance README's
 * GitHub Actions job, run step by step against the sandbox. npm reaches only a loopback registry
 * made from this workspace's lockfile, with an empty cache of its own, so no test here depends
 * on what npm's cache holds or on the network.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { type Sandbox, startSandbox } from '@enos-trigger/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { repoRoot, run, whileListening } from './support.js';
import { startWorkspaceRegistry, type WorkspaceRegistry } from './workspace-registry.js';

const PLACEHOLDER = '/path/to/checkout/packs/';
const SANDBOX_CREDENTIALS = {
  ENOS_APP_KEY: 'sandbox-app-key',
  ENOS_APP_SECRET: 'sandbox-app-secret',
  ENOS_USER_ID: 'sandbox-user',
  ENOS_ORG_ID: 'sandbox-org',
};

interface Publishable {
  dir: string;
  name: string;
  bin: Record<string, string>;
  readme: string;
}

/** Every workspace that publishes (not private), read from the root's workspaces. */
function publishable(): Publishable[] {
  const dirs = ['spec', ...readDirs('packages')];
  return dirs.flatMap((dir) => {
    const manifestFile = join(repoRoot, dir, 'package.json');
    if (!existsSync(manifestFile)) return [];
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    if (manifest.private) return [];
    return [
      {
        dir,
        name: manifest.name,
        bin: manifest.bin ?? {},
        readme: readFileSync(join(repoRoot, dir, 'README.md'), 'utf8'),
      },
    ];
  });
}

function readDirs(parent: string): string[] {
  return readdirSync(join(repoRoot, parent), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => posix.join(parent, entry.name));
}

const work = mkdtempSync(join(tmpdir(), 'enos-packs-'));
const packs = join(work, 'checkout', 'packs');
let registry: WorkspaceRegistry;
let sandbox: Sandbox;
let tarballs: string[];

/**
 * npm as a user runs it in their own project: only the loopback registry, a fresh cache, and
 * none of the settings of the workspace run that started these tests.
 */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')),
  );
  return {
    ...env,
    npm_config_registry: registry.url,
    npm_config_cache: join(work, 'npm-cache'),
    npm_config_fetch_retries: '0',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    SCARF_ANALYTICS: 'false',
    ...extra,
  };
}

function emptyProject(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), `{ "name": "${name}", "private": true }\n`);
  return dir;
}

/** A shell command as a README or a workflow prints it, in bash, failing on the first error. */
function bash(script: string, cwd: string, env: NodeJS.ProcessEnv) {
  return run('bash', ['-e', '-c', script], { cwd, env, maxBuffer: 16 * 1024 * 1024 });
}

/** The first ```sh block of a README that installs from the packs, with the real folder. */
function installCommand(readme: string): string {
  const block = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)]
    .map((match) => match[1] as string)
    .find((text) => text.includes(PLACEHOLDER));
  const command = block?.split('\n').find((line) => line.startsWith('npm install'));
  if (!block || !command) throw new Error('no install-from-packs command in the README');
  const lines = block.split('\n');
  const start = lines.indexOf(command);
  const continued = [command];
  for (const line of lines.slice(start + 1)) {
    if (!continued.at(-1)?.endsWith('\\')) break;
    continued.push(line);
  }
  return continued.join('\n').replaceAll(PLACEHOLDER, `${packs}/`);
}

beforeAll(async () => {
  registry = await startWorkspaceRegistry(repoRoot);
  sandbox = await startSandbox({ port: 0 });
  // What `npm run pack` runs after its build (the build already ran: this test depends on it).
  await run(process.execPath, [join(repoRoot, 'scripts/pack.js'), '--no-build', packs], {
    cwd: repoRoot,
    env: userEnv(),
  });
  const { stdout } = await run('ls', [packs]);
  tarballs = stdout.trim().split('\n');
}, 120_000);

afterAll(async () => {
  await sandbox?.close();
  await registry?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('npm run pack', () => {
  it('packs every publishable package, at its own version', () => {
    const expected = publishable().map(({ dir }) => {
      const { name, version } = JSON.parse(
        readFileSync(join(repoRoot, dir, 'package.json'), 'utf8'),
      );
      return `${name.replace('@', '').replace('/', '-')}-${version}.tgz`;
    });
    expect(tarballs.sort()).toEqual(expected.sort());
  });

  for (const pkg of publishable()) {
    it(`${pkg.name}: the tarball carries LICENSE, README, its bins and every file its README links to`, async () => {
      const tarball = tarballs.find((file) =>
        file.startsWith(pkg.name.replace('@', '').replace('/', '-')),
      );
      const { stdout } = await run('tar', ['-tzf', join(packs, tarball as string)]);
      const files = new Set(stdout.split('\n').map((line) => line.replace(/^package\//, '')));
      const linked = [...pkg.readme.matchAll(/\]\(((?!https?:|#)[^)#\s]+)/g)].map((match) =>
        posix.normalize(match[1] as string),
      );
      const bins = Object.values(pkg.bin).map((file) => posix.normalize(file));
      for (const file of ['LICENSE', 'README.md', 'package.json', ...bins, ...linked]) {
        expect(files, `${file} in the tarball`).toContain(file);
      }
    });
  }
});

describe('each README installs its package from the packs, and it works', () => {
  const byName = (name: string) => publishable().find((pkg) => pkg.name === name) as Publishable;

  it('@enos-trigger/client: triggers from ESM and from CommonJS against the sandbox', async () => {
    const project = emptyProject('client-user');
    await bash(installCommand(byName('@enos-trigger/client').readme), project, userEnv());
    const trigger = (flowId: number) => `
      const client = createTriggerFlowClient({
        baseUrl: process.env.ENOS_BASE_URL, appKey: 'sandbox-app-key', appSecret: 'sandbox-app-secret',
        userId: 'sandbox-user', orgId: 'sandbox-org',
      });
      const result = await client.triggerFlow({ flowId: ${flowId} });
      console.log(JSON.stringify({ result, raw: typeof createRawClient(client).POST, unwrap: typeof unwrap, helpers }));`;
    writeFileSync(
      join(project, 'esm.mjs'),
      `import { createTriggerFlowClient, unwrap } from '@enos-trigger/client';
       import { createRawClient } from '@enos-trigger/client/raw';
       const helpers = undefined;
       ${trigger(3377)}`,
    );
    writeFileSync(
      join(project, 'cjs.cjs'),
      `const { createTriggerFlowClient, unwrap, requestSignature, parseFlowInstanceId } = require('@enos-trigger/client');
       const { createRawClient } = require('@enos-trigger/client/raw');
       (async () => {
         // The conformance suite's Dredd hooks are CommonJS and sign with these helpers.
         const helpers = {
           signature: await requestSignature({ accessToken: 't', query: { a: '1' }, body: '{}', timestamp: 1, appSecret: 's' }),
           parts: parseFlowInstanceId('2791-20191122012300'),
         };
         ${trigger(2791)}
       })();`,
    );
    // Both at once, as two workers sharing an app key do.
    const outputs = await Promise.all(
      ['esm.mjs', 'cjs.cjs'].map((file) =>
        run(process.execPath, [file], {
          cwd: project,
          env: { ...process.env, ENOS_BASE_URL: sandbox.url },
        }),
      ),
    );
    const [esm, cjs] = outputs.map(({ stdout }) => JSON.parse(stdout));
    expect(esm).toMatchObject({ result: { ok: true }, raw: 'function', unwrap: 'function' });
    expect(esm.result.flowInstanceId).toMatch(/^3377-\d{14}$/);
    expect(cjs).toMatchObject({
      result: { ok: true },
      raw: 'function',
      unwrap: 'function',
      helpers: {
        signature: createHash('sha256').update('ta1{}1s').digest('hex'),
        parts: { flowId: 2791, instant: '2019-11-22T01:23:00.000Z' },
      },
    });
    expect(cjs.result.flowInstanceId).toMatch(/^2791-\d{14}$/);
  });

  it('@enos-trigger/sandbox: npx enos-trigger-sandbox --port 0 listens', async () => {
    const project = emptyProject('sandbox-user');
    await bash(installCommand(byName('@enos-trigger/sandbox').readme), project, userEnv());
    await whileListening(
      'npx enos-trigger-sandbox --port 0',
      { cwd: project, env: userEnv() },
      async (url) => {
        expect((await fetch(`${url}/__sandbox/flows`)).status).toBe(200);
      },
    );
  });

  it('@enos-trigger/mock: npx enos-trigger-mock --port 0 serves the contract', async () => {
    const project = emptyProject('mock-user');
    await bash(installCommand(byName('@enos-trigger/mock').readme), project, userEnv());
    await whileListening(
      'npx enos-trigger-mock --port 0',
      { cwd: project, env: userEnv() },
      async (url) => {
        const answer = await fetch(`${url}/batch-processing-service/v2.1/flows?action=trigger`, {
          method: 'POST',
        });
        // The contract's path, without the APIM headers: the gateway's 401 (a path it does not
        // serve would be a 404).
        expect(answer.status).toBe(401);
      },
    );
  });

  it('@enos-trigger/conformance: npx enos-trigger-conformance passes the bundled sandbox', async () => {
    const project = emptyProject('conformance-user');
    await bash(installCommand(byName('@enos-trigger/conformance').readme), project, userEnv());
    const { stdout } = await bash('npx enos-trigger-conformance', project, userEnv());
    expect(stdout).toMatch(/conformance: \d+ pass, 0 fail/);
  });
});

describe("the conformance README's GitHub Actions job", () => {
  interface Step {
    name?: string;
    uses?: string;
    run?: string;
    env?: Record<string, string>;
    with?: Record<string, string>;
    'working-directory'?: string;
  }

  it('runs step by step against the sandbox, and leaves the report where it uploads it from', async () => {
    const readme = byConformance();
    const yamlText = readme.match(/```yaml\n([\s\S]*?)```/)?.[1] as string;
    const job = Object.values(parseYaml(yamlText).jobs)[0] as {
      strategy: { matrix: { include: Record<string, string>[] } };
      steps: Step[];
    };
    const matrix = {
      ...(job.strategy.matrix.include[0] as Record<string, string>),
      server: sandbox.url,
      flow: '2791',
      no_task_flow: '4040',
      foreign_flow: '4030',
    };
    const workspace = join(work, 'github-workspace');
    mkdirSync(workspace, { recursive: true });
    const summary = join(work, 'step-summary.md');
    const expand = (text: string) =>
      text.replace(/\$\{\{\s*(matrix|secrets)\.(\w+)\s*\}\}/g, (_, scope: string, key: string) =>
        scope === 'matrix'
          ? String(matrix[key as keyof typeof matrix] ?? '')
          : (SANDBOX_CREDENTIALS[key as keyof typeof SANDBOX_CREDENTIALS] ?? ''),
      );

    const checkout = job.steps.find((step) => step.uses?.startsWith('actions/checkout'));
    const checkoutPath = checkout?.with?.path as string;
    const ran: string[] = [];
    for (const step of job.steps) {
      if (step.uses?.startsWith('actions/checkout')) {
        // The checkout's packs are the ones this test built from the repository it runs in.
        mkdirSync(join(workspace, checkoutPath), { recursive: true });
        await run('ln', ['-s', packs, join(workspace, checkoutPath, 'packs')]);
        continue;
      }
      if (step.uses?.startsWith('actions/upload-artifact')) {
        const path = join(workspace, step.with?.path as string);
        expect(existsSync(join(path, 'junit.xml')), `${path}junit.xml to upload`).toBe(true);
        continue;
      }
      if (!step.run || step['working-directory'] === checkoutPath) continue;
      const env = Object.fromEntries(
        Object.entries(step.env ?? {}).map(([key, value]) => [key, expand(value)]),
      );
      await bash(expand(step.run), workspace, userEnv({ ...env, GITHUB_STEP_SUMMARY: summary }));
      ran.push(step.name ?? step.run);
    }
    expect(ran).toHaveLength(3);
    expect(readFileSync(summary, 'utf8')).toMatch(/pass/i);
    const junit = readFileSync(join(workspace, 'conformance-report/junit.xml'), 'utf8');
    expect(junit).toMatch(/failures="0"/);
  }, 90_000); // a whole CI job: an install from the packs, then a conformance run (23 s alone)

  function byConformance(): string {
    return (publishable().find((pkg) => pkg.name === '@enos-trigger/conformance') as Publishable)
      .readme;
  }
});
