import * as assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../../root';

const CLI = path.join(REPO_ROOT, 'bin', 'ccmacro.js');
const EXAMPLES = path.join(REPO_ROOT, 'examples');
const SECRET = { CCMACRO_SECRET_AZURE_DEVOPS_BASIC_AUTH: 'OnNlY3JldC1wYXQ=' };

function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd, env: { PATH: process.env.PATH ?? '', ...SECRET }, timeout: 30_000 },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 99) : 0, stdout, stderr }),
    );
  });
}

/**
 * The create → update round trip as Centercode runs it, with real processes: the create example is sent to
 * `ccmacro receive`, which answers like Azure DevOps with the new work item; its `id` is what the macro's
 * returnValues save as Work Item ID; the update example, rendered with that saved value, addresses that work item,
 * and the receiver takes its PATCH.
 */
describe('Azure DevOps in the CLI (processes)', function () {
  this.timeout(90_000);
  let dir: string;

  before(() => {
    if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'cli.js'))) throw new Error('build first: node scripts/build.mjs');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-ado-'));
    fs.mkdirSync(path.join(dir, 'samples'));
    for (const f of ['azure-devops-create-work-item', 'azure-devops-update-work-item']) {
      fs.copyFileSync(path.join(EXAMPLES, `${f}.ccmacro.json`), path.join(dir, `${f}.ccmacro.json`));
      fs.copyFileSync(
        path.join(EXAMPLES, 'samples', `${f}.sample.json`),
        path.join(dir, 'samples', `${f}.sample.json`),
      );
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('create → ccmacro receive → the id saved as Work Item ID → the update renders with it and is taken', async () => {
    const child = spawn(process.execPath, [CLI, 'receive', '--count', '3'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const exited = new Promise(resolve => child.on('exit', resolve));
    child.stdout.setEncoding('utf8');
    const base = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', c => {
        out += c;
        const m = /Listening on (http:\/\/127\.0\.0\.1:\d+) .*\/azure-devops\//.exec(out);
        if (m) resolve(m[1]);
      });
      child.on('exit', code => reject(new Error(`exited ${code}: ${out}`)));
    });
    // Where "Send to Local Test Receiver" aims a macro: its own path and query under /azure-devops.
    const local = (url: string) => url.replace('https://dev.azure.com', `${base}/azure-devops`);

    const created = await run(
      [
        'send',
        'azure-devops-create-work-item.ccmacro.json',
        '--url',
        local('https://dev.azure.com/fabrikam/Fiber/_apis/wit/workitems/$Bug?api-version=7.1'),
      ],
      dir,
    );
    assert.equal(created.code, 0, created.stdout + created.stderr);
    assert.match(created.stdout, /HTTP\/1\.1 200 OK/);
    assert.match(created.stdout, /"System\.Title": "Export to PDF loses the report's filters"/);
    const id = /Work Item ID = (\d+) \(from id\)/.exec(created.stdout)?.[1];
    assert.ok(id, `the log shows the saved id:\n${created.stdout}`);

    // Centercode saves it on the feedback; the update macro's sample holds it like the item would.
    const samplePath = path.join(dir, 'samples', 'azure-devops-update-work-item.sample.json');
    const items = JSON.parse(fs.readFileSync(samplePath, 'utf8')) as Array<Record<string, unknown>>;
    items[0]['Work Item ID'] = Number(id);
    fs.writeFileSync(samplePath, JSON.stringify(items));
    const rendered = await run(['render', 'azure-devops-update-work-item.ccmacro.json', '--format', 'request'], dir);
    assert.equal(rendered.code, 0, rendered.stderr);
    const line = rendered.stdout.split('\n')[0];
    assert.equal(line, `PATCH https://dev.azure.com/fabrikam/Fiber/_apis/wit/workitems/${id}?api-version=7.1`);

    const updated = await run(
      ['send', 'azure-devops-update-work-item.ccmacro.json', '--url', local(line.slice(6))],
      dir,
    );
    assert.equal(updated.code, 0, updated.stdout + updated.stderr);
    assert.match(updated.stdout, new RegExp(`"id": ${id},\\n\\s*"rev": 2`));

    // The same request with another Content-Type: Azure DevOps' 415 answer, and exit 1.
    const wrong = path.join(dir, 'wrong.ccmacro.json');
    fs.writeFileSync(
      wrong,
      fs
        .readFileSync(path.join(dir, 'azure-devops-update-work-item.ccmacro.json'), 'utf8')
        .replace('"application/json-patch+json"', '"application/json"')
        .replace('"samples": ["samples/', '"samples": ["samples/'),
    );
    const refused = await run(['send', 'wrong.ccmacro.json', '--url', local(line.slice(6))], dir);
    assert.equal(refused.code, 1, refused.stdout + refused.stderr);
    assert.match(refused.stdout, /HTTP\/1\.1 415 Unsupported Media Type/);
    assert.match(refused.stdout, /VssRequestContentTypeNotSupportedException/);
    assert.equal(await exited, 0);
    assert.match(
      out,
      /POST \/azure-devops\/fabrikam\/Fiber\/_apis\/wit\/workitems\/\$Bug\?api-version=7\.1 → answered 200/,
    );
    assert.match(
      out,
      new RegExp(`PATCH /azure-devops/fabrikam/Fiber/_apis/wit/workitems/${id}\\?api-version=7\\.1 → answered 200`),
    );
  });

  it('ccmacro validate reports the check located in the file, and its codes', async () => {
    fs.writeFileSync(
      path.join(dir, 'bad.ccmacro.json'),
      `{
  "name": "Bad",
  "request": {
    "method": "POST",
    "url": "https://dev.azure.com/fabrikam/Fiber/_apis/wit/workitems/$Bug",
    "headers": { "Content-Type": "application/json" },
    "body": [{ "op": "add", "path": "/fields/System.Tags", "value": "((Title))" }]
  }
}
`,
    );
    const r = await run(['validate', 'bad.ccmacro.json'], dir);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      /bad\.ccmacro\.json:5:12: error: Azure DevOps needs the REST API version.*\[render\/azure-devops-api-version\]/,
    );
    assert.match(
      r.stdout,
      /bad\.ccmacro\.json:6:34: error: Azure DevOps takes a work item create or update only as "Content-Type: application\/json-patch\+json", not "application\/json".*\[render\/azure-devops-content-type\]/,
    );
    assert.match(
      r.stdout,
      /bad\.ccmacro\.json:7:13: error: A new work item needs a title.*\[render\/azure-devops-no-title\]/,
    );
  });
});
