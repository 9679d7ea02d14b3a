import * as assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../../root';
import { startServer, type TestServer } from '../send/servers';
import { parseRunnerOutput, runnerLines } from '../../fakes/githubRunner';

const BIN = path.join(REPO_ROOT, 'bin', 'ccmacro.js');

function run(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    // A clean environment: no CCMACRO_ENV, secrets or proxy from the machine running the tests.
    const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, env: { ...base, ...env }, timeout: 60_000 },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 99) : 0, stdout, stderr }),
    );
  });
}

const ENVIRONMENTS = `// team values
{
  "$shared": { "PROJECT": "CV" },
  "staging": { "BASE": "http://127.0.0.1:PORT/staging" },
  "production": { "BASE": "http://127.0.0.1:PORT/production", "$confirm": true },
}
`;

const MACRO = JSON.stringify(
  {
    name: 'Env',
    target: 'generic',
    request: {
      method: 'POST',
      url: '${var:BASE}/issue',
      headers: { Authorization: 'Bearer ${secret:TOKEN}' },
      body: { project: '${var:PROJECT}', summary: '((Title))' },
    },
  },
  null,
  2,
);

describe('environments in the CLI (processes)', function () {
  this.timeout(180_000);
  let dir: string;
  let server: TestServer;
  const write = (rel: string, text: string) => {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  };

  before(async () => {
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    server = await startServer((_req, res) => {
      res.writeHead(201, { 'Content-Type': 'application/json' });
      res.end('{"ok":true}');
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-env-'));
    write('.ccmacro/environments.json', ENVIRONMENTS.replace(/PORT/g, String(server.port)));
    write('macros/env.ccmacro.json', MACRO);
  });
  after(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('an unknown --env or CCMACRO_ENV is a usage error (exit 2) listing the environments, on every command', async () => {
    for (const cmd of [
      ['validate'],
      ['render', 'macros/env.ccmacro.json'],
      ['send', 'macros/env.ccmacro.json'],
      ['test', '--ci'],
    ]) {
      const r = await run([...cmd, '--env', 'prod'], dir);
      assert.equal(r.code, 2, `${cmd[0]}: ${r.stdout}${r.stderr}`);
      assert.match(
        r.stderr,
        /there is no environment "prod" in \.ccmacro\/environments\.json: the environments are staging, production/,
      );
      assert.equal(server.seen.length, 0);
    }
    const fromEnv = await run(['validate'], dir, { CCMACRO_ENV: 'qa' });
    assert.equal(fromEnv.code, 2);
    assert.match(fromEnv.stderr, /no environment "qa"/);
  });

  it('validate without --env names the environment where a ${var:…} has no value; with --env checks that one', async () => {
    write('more/x.ccmacro.json', MACRO.replace('${var:PROJECT}', '${var:ONLY_STAGING}'));
    write(
      'more/.ccmacro/environments.json',
      '{ "staging": { "BASE": "http://x", "ONLY_STAGING": "s" }, "production": { "BASE": "http://y" } }',
    );
    try {
      const all = await run(['validate', 'more'], dir);
      assert.equal(all.code, 1, all.stdout + all.stderr);
      assert.match(
        all.stdout,
        /^more\/x\.ccmacro\.json:\d+:\d+: error: \$\{var:ONLY_STAGING\} has no value in the environment "production" or in "\$shared".*\[var\/unresolved\]$/m,
      );
      const staging = await run(['validate', 'more', '--env', 'staging'], dir);
      assert.equal(staging.code, 0, staging.stdout);
      const prod = await run(['validate', 'more'], dir, { CCMACRO_ENV: 'production' });
      assert.equal(prod.code, 1);
    } finally {
      fs.rmSync(path.join(dir, 'more'), { recursive: true, force: true });
    }
  });

  it('validate reports problems in the environment files at their own path and line, and warns when git tracks the .local.json', async () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-env-git-'));
    try {
      fs.mkdirSync(path.join(repo, '.ccmacro'));
      fs.writeFileSync(
        path.join(repo, '.ccmacro/environments.json'),
        '{\n  "staging": { "BASE": 42, "BASE": "x" }\n}\n',
      );
      fs.writeFileSync(path.join(repo, '.ccmacro/environments.local.json'), '{ "staging": { "PROJECT": "P" } }\n');
      fs.writeFileSync(path.join(repo, 'm.ccmacro.json'), MACRO);
      const git = (...a: string[]) => spawnSync('git', a, { cwd: repo, encoding: 'utf8' });
      git('init', '-q');
      git('add', '.ccmacro/environments.local.json');
      const r = await run(['validate'], repo);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stdout, /^\.ccmacro\/environments\.json:2:24: error: .*\[environments\/not-string\]$/m);
      assert.match(r.stdout, /^\.ccmacro\/environments\.json:2:28: error: .*\[environments\/duplicate-key\]$/m);
      assert.match(
        r.stdout,
        /^\.ccmacro\/environments\.local\.json:1:1: warning: git tracks \.ccmacro\/environments\.local\.json.*\[environments\/local-tracked\]$/m,
      );
      git('rm', '-q', '--cached', '.ccmacro/environments.local.json');
      const untracked = await run(['validate'], repo);
      assert.doesNotMatch(untracked.stdout, /local-tracked/);
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });

  it('render fills ${var:…} from --env or CCMACRO_ENV, and refuses without one (located)', async () => {
    const staging = await run(['render', 'macros/env.ccmacro.json', '--format', 'curl', '--env', 'staging'], dir);
    assert.equal(staging.code, 0, staging.stderr);
    assert.match(staging.stdout, new RegExp(`--url http://127\\.0\\.0\\.1:${server.port}/staging/issue`));
    const prod = await run(['render', 'macros/env.ccmacro.json'], dir, { CCMACRO_ENV: 'production' });
    assert.equal(prod.code, 0, prod.stderr);
    assert.deepEqual(JSON.parse(prod.stdout), { project: 'CV', summary: JSON.parse(prod.stdout).summary });
    const none = await run(['render', 'macros/env.ccmacro.json'], dir);
    assert.equal(none.code, 1);
    assert.match(
      none.stderr,
      /^macros\/env\.ccmacro\.json:6:13: error: \$\{var:BASE\} takes its value from an environment, and none is chosen.*\[var\/no-environment\]$/m,
    );
  });

  it('send goes to the environment’s URL with its own secret first, and the log names the environment', async () => {
    const before = server.seen.length;
    const r = await run(['send', 'macros/env.ccmacro.json', '--env', 'production'], dir, {
      CCMACRO_SECRET_PRODUCTION_TOKEN: 'prod-token',
      CCMACRO_SECRET_TOKEN: 'shared-token',
    });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const seen = server.seen.slice(before);
    assert.equal(seen.length, 1);
    assert.equal(seen[0].url, '/production/issue');
    assert.equal(seen[0].headers.authorization, 'Bearer prod-token');
    assert.equal(JSON.parse(seen[0].body).project, 'CV');
    assert.match(r.stdout, /^Environment: production$/m);
    assert.doesNotMatch(r.stdout, /prod-token/);
    const shared = await run(['send', 'macros/env.ccmacro.json', '--env', 'staging'], dir, {
      CCMACRO_SECRET_PRODUCTION_TOKEN: 'prod-token',
      CCMACRO_SECRET_TOKEN: 'shared-token',
    });
    assert.equal(shared.code, 0, shared.stderr);
    assert.equal(server.seen[server.seen.length - 1].headers.authorization, 'Bearer shared-token');
    assert.equal(server.seen[server.seen.length - 1].url, '/staging/issue');
  });

  it('snapshots keep ${var:NAME} by name: ccmacro test passes in every environment', async () => {
    const update = await run(['test', '--update'], dir);
    assert.equal(update.code, 0, update.stdout + update.stderr);
    const snap = fs.readFileSync(path.join(dir, 'macros/env.snap.http'), 'utf8');
    assert.match(snap, /^POST \$\{var:BASE\}\/issue$/m);
    assert.match(snap, /"project": "\$\{var:PROJECT\}"/);
    for (const env of ['staging', 'production']) {
      const r = await run(['test', '--ci', '--env', env], dir);
      assert.equal(r.code, 0, `${env}: ${r.stdout}${r.stderr}`);
    }
    const examples = await run(['test', '--ci', 'examples', '--env', 'production'], REPO_ROOT);
    assert.equal(examples.code, 0, examples.stdout + examples.stderr);
  });

  it('send and render --format request: values and answers that look like CI commands stay inert', async () => {
    const hostile = '\n::error file=x.ts::pwned\n##vso[task.setvariable variable=a]b\n::add-mask::zz';
    const own = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-env-ci-'));
    const loud = await startServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end(`ok${hostile}\n::stop-commands::tok`);
    });
    try {
      fs.mkdirSync(path.join(own, '.ccmacro'));
      fs.writeFileSync(
        path.join(own, '.ccmacro/environments.json'),
        JSON.stringify({ staging: { BASE: `http://127.0.0.1:${loud.port}`, P: hostile, H: '::warning::h' } }),
      );
      fs.writeFileSync(
        path.join(own, 'x.ccmacro.json'),
        JSON.stringify({
          name: 'CI',
          request: {
            method: 'POST',
            url: '${var:BASE}/i',
            headers: { 'X-A': '${var:H}' },
            bodyFormat: 'text',
            body: '${var:P} ((Title))',
          },
        }),
      );
      const sent = await run(['send', 'x.ccmacro.json', '--env', 'staging'], own, { CI: 'true' });
      assert.equal(sent.code, 0, sent.stdout + sent.stderr);
      assert.equal(loud.seen[0].body.split(' Login')[0], hostile, 'the value is sent as it is');
      const request = await run(['render', 'x.ccmacro.json', '--env', 'staging', '--format', 'request'], own);
      assert.equal(request.code, 0, request.stderr);
      for (const out of [sent.stdout + sent.stderr, request.stdout]) {
        const parsed = parseRunnerOutput(out, { anyName: true });
        assert.deepEqual(
          parsed.commands.map(c => runnerLines(out)[c.line]),
          [],
          out,
        );
        assert.doesNotMatch(out, /##vso\[|::stop-commands/);
        assert.match(out, /^\\::error file=x\.ts::pwned$/m, 'shown, with a backslash');
      }
      // --format body stays the exact bytes.
      const body = await run(['render', 'x.ccmacro.json', '--env', 'staging'], own);
      assert.ok(body.stdout.startsWith(hostile), body.stdout);
    } finally {
      await loud.close();
      fs.rmSync(own, { recursive: true, force: true });
    }
  });
});
