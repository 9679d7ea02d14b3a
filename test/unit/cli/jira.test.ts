import * as assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../../root';

const CLI = path.join(REPO_ROOT, 'bin', 'ccmacro.js');
const ENV = {
  PATH: process.env.PATH ?? '',
  CCMACRO_SECRET_JIRA_BASIC_AUTH: 'dGVzdEBleGFtcGxlLmNvbTp0b2tlbi12YWx1ZQ==',
};

function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    execFile(process.execPath, [CLI, ...args], { cwd, env: ENV, timeout: 30_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 99) : 0, stdout, stderr }),
    );
  });
}

describe('Jira in the CLI (processes): the create/update pair end to end', function () {
  this.timeout(90_000);
  let dir: string;
  before(() => {
    if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'cli.js'))) throw new Error('build first: node scripts/build.mjs');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-jira-'));
    fs.cpSync(path.join(REPO_ROOT, 'examples'), dir, {
      recursive: true,
      filter: src => !/(teams|slack|salesforce|welcome|azure-devops|-env-)/.test(path.basename(src)),
    });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('validate and test pass on the pair; validate reports a v3 plain-string description at path:line:col', async () => {
    assert.deepEqual(await run(['validate', '.'], dir), {
      code: 0,
      stdout: '2 files checked: no problems\n',
      stderr: '',
    });
    const t = await run(['test', '--ci', '.'], dir);
    assert.equal(t.code, 0, t.stdout + t.stderr);
    assert.match(t.stdout, /Snapshots: 2 passed, 0 failed/);
    const create = fs.readFileSync(path.join(dir, 'jira-create-issue.ccmacro.json'), 'utf8');
    const plain = create.replace(/"description": \{[\s\S]*?\n {8}\}/, '"description": "((Description))"');
    fs.writeFileSync(path.join(dir, 'plain.ccmacro.json'), plain);
    const r = await run(['validate', 'plain.ccmacro.json'], dir);
    fs.rmSync(path.join(dir, 'plain.ccmacro.json'));
    assert.equal(r.code, 1, r.stdout);
    assert.match(
      r.stdout,
      /^plain\.ccmacro\.json:\d+:\d+: error: Jira Cloud's REST API version 3 takes the description as an Atlassian document, not a plain text .*\[render\/jira-adf-string\]$/m,
    );
  });

  it('render prints the body; receive answers the create 201 with a key, send shows it saved as Jira Key, the update macro renders with it and gets 204', async () => {
    const body = JSON.parse((await run(['render', 'jira-update-issue.ccmacro.json'], dir)).stdout) as {
      fields: { summary: string };
    };
    assert.equal(body.fields.summary, 'Battery drains overnight with Bluetooth on (firmware 2.4.1)');

    const child = spawn(process.execPath, [CLI, 'receive', '--count', '2'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const exited = new Promise(resolve => child.on('exit', resolve));
    child.stdout.setEncoding('utf8');
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', c => {
        out += c;
        const m = /Listening on (http:\/\/127\.0\.0\.1:\d+) .*Jira checks under/.exec(out);
        if (m) resolve(m[1]);
      });
      child.on('exit', code => reject(new Error(`exited ${code}: ${out}`)));
    });
    const created = await run(['send', 'jira-create-issue.ccmacro.json', '--url', `${url}/jira/rest/api/3/issue`], dir);
    assert.equal(created.code, 0, created.stdout + created.stderr);
    assert.match(created.stdout, /HTTP\/1\.1 201 Created/);
    const key = /Return values \(what Centercode would save\):\n {2}Jira Key = (BETA-\d+) \(from key\)/.exec(
      created.stdout,
    )?.[1];
    assert.ok(key, created.stdout);

    // Centercode saves the key on the feedback: the update macro's sample item now has it.
    const samplePath = path.join(dir, 'samples', 'jira-update-issue.sample.json');
    fs.writeFileSync(samplePath, fs.readFileSync(samplePath, 'utf8').replace('"BETA-123"', JSON.stringify(key)));
    const request = await run(['render', 'jira-update-issue.ccmacro.json', '--format', 'request'], dir);
    assert.match(
      request.stdout,
      new RegExp(`^PUT https://yourcompany\\.atlassian\\.net/rest/api/3/issue/${key}$`, 'm'),
    );
    const updated = await run(
      ['send', 'jira-update-issue.ccmacro.json', '--url', `${url}/jira/rest/api/3/issue/${key}`],
      dir,
    );
    assert.equal(updated.code, 0, updated.stdout + updated.stderr);
    assert.match(updated.stdout, /HTTP\/1\.1 204 No Content/);
    assert.equal(await exited, 0);
    assert.match(out, /POST \/jira\/rest\/api\/3\/issue → answered 201/);
    assert.match(out, new RegExp(`PUT /jira/rest/api/3/issue/${key} → answered 204`));
  });
});
