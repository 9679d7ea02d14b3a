import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'jsonc-parser';
import { MACRO_TEMPLATES, macroTemplate } from '../../../src/core/targets';
import { REPO_ROOT } from '../../root';
import { sampleCollection, sampleEnvironment } from '../import/postman.test';

const BIN = path.join(REPO_ROOT, 'bin/ccmacro.js');

function ccmacro(args: string[], cwd: string, input?: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    input,
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Every file below `dir` with its text (links listed as such), so a test can say nothing changed. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      const rel = path.relative(dir, p);
      if (e.isSymbolicLink()) out[rel] = `-> ${fs.readlinkSync(p)}`;
      else if (e.isDirectory()) walk(p);
      else out[rel] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

const SLACK_API = `curl -X POST -H 'Authorization: Bearer xoxb-1234-56789abcdefghijklmnop' -H 'Content-type: application/json' --data '{"text":"hi"}' https://slack.com/api/chat.postMessage\n`;

describe('ccmacro import curl (process)', function () {
  this.timeout(60000);
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-import-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes the macro, names the secrets to set, never their values, and the macro validates clean', () => {
    fs.writeFileSync(path.join(dir, 'cmd.sh'), SLACK_API);
    const r = ccmacro(['import', 'curl', 'cmd.sh', '--out', 'macros', '--name', 'Post to Slack'], dir);
    assert.equal(r.err, '');
    assert.equal(r.code, 0);
    assert.match(r.out, /^Wrote macros\/post-to-slack\.ccmacro\.json$/m);
    assert.match(
      r.out,
      /CCMACRO_SECRET_SLACK_API_TOKEN +\$\{secret:SLACK_API_TOKEN\}: the Authorization header's token/,
    );
    assert.ok(!r.out.includes('xoxb-1234'), 'the value is never printed');
    const text = fs.readFileSync(path.join(dir, 'macros/post-to-slack.ccmacro.json'), 'utf8');
    assert.ok(!text.includes('xoxb-1234'), 'nor written');
    assert.equal(parse(text).name, 'Post to Slack');
    const v = ccmacro(['validate', 'macros'], dir);
    assert.equal(v.code, 0, v.out + v.err);
  });

  it('reads the command from standard input (- or no FILE)', () => {
    const r = ccmacro(['import', 'curl', '-'], dir, SLACK_API);
    assert.equal(r.code, 0, r.err);
    assert.ok(fs.existsSync(path.join(dir, 'webhook-to-slack-com.ccmacro.json')));
    const again = ccmacro(['import', 'curl', '--out', 'b'], dir, SLACK_API);
    assert.equal(again.code, 0, again.err);
    assert.ok(fs.existsSync(path.join(dir, 'b/webhook-to-slack-com.ccmacro.json')));
  });

  it('a command that cannot be imported: file:line:col, the token, exit 1, nothing written', () => {
    fs.writeFileSync(path.join(dir, 'bad.sh'), `curl -X POST \\\n  -d '{"a":1} https://x.test\n`);
    const r = ccmacro(['import', 'curl', 'bad.sh'], dir);
    assert.equal(r.code, 1);
    assert.equal(
      r.err,
      `bad.sh:2:6: error: Unclosed ' quote ('{"a":1} https://x.test): it opens here and never closes [import/unclosed-quote]\n`,
    );
    fs.writeFileSync(path.join(dir, 'form.sh'), `curl -F 'file=@/etc/passwd' https://x.test\n`);
    const f = ccmacro(['import', 'curl', 'form.sh'], dir);
    assert.equal(f.code, 1);
    assert.match(f.err, /^form\.sh:1:6: error: ccmacro cannot import -F: it sends a multipart form/);
    // The message quotes the command where it stops; a credential there is masked.
    fs.writeFileSync(
      path.join(dir, 'tok.sh'),
      `curl -H 'Authorization: Bearer xoxb-1234-56789abcdefghijklmnop https://x.test\n`,
    );
    const t = ccmacro(['import', 'curl', 'tok.sh'], dir);
    assert.equal(t.code, 1);
    assert.match(t.err, /^tok\.sh:1:9: error: Unclosed ' quote \('Authorization: Bearer ••••/);
    assert.ok(!t.err.includes('xoxb'), t.err);
    assert.deepEqual(Object.keys(tree(dir)).sort(), ['bad.sh', 'form.sh', 'tok.sh']);
  });

  it('never writes over a file without --force, and never through a symbolic link or outside the folder', () => {
    fs.writeFileSync(path.join(dir, 'cmd.sh'), SLACK_API);
    fs.mkdirSync(path.join(dir, 'out'));
    fs.writeFileSync(path.join(dir, 'out/webhook-to-slack-com.ccmacro.json'), 'mine');
    const r = ccmacro(['import', 'curl', 'cmd.sh', '--out', 'out'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /out\/webhook-to-slack-com\.ccmacro\.json already exists: add --force to write over it/);
    assert.match(r.err, /nothing was written/);
    assert.equal(fs.readFileSync(path.join(dir, 'out/webhook-to-slack-com.ccmacro.json'), 'utf8'), 'mine');
    assert.equal(ccmacro(['import', 'curl', 'cmd.sh', '--out', 'out', '--force'], dir).code, 0);
    assert.notEqual(fs.readFileSync(path.join(dir, 'out/webhook-to-slack-com.ccmacro.json'), 'utf8'), 'mine');

    // A link where the file goes, and an output folder that is a link: refused, the link's target untouched.
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-elsewhere-'));
    try {
      fs.writeFileSync(path.join(elsewhere, 'victim'), 'keep');
      fs.mkdirSync(path.join(dir, 'linked'));
      fs.symlinkSync(path.join(elsewhere, 'victim'), path.join(dir, 'linked/webhook-to-slack-com.ccmacro.json'));
      const l = ccmacro(['import', 'curl', 'cmd.sh', '--out', 'linked', '--force'], dir);
      assert.equal(l.code, 2);
      assert.match(l.err, /is a symbolic link, and ccmacro never writes through a link/);
      fs.symlinkSync(elsewhere, path.join(dir, 'via'));
      const v = ccmacro(['import', 'curl', 'cmd.sh', '--out', 'via'], dir);
      assert.equal(v.code, 2);
      assert.match(v.err, /The output folder via is a symbolic link/);
      assert.deepEqual(tree(elsewhere), { victim: 'keep' });
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('usage errors exit 2', () => {
    assert.equal(ccmacro(['import'], dir).code, 2);
    assert.match(ccmacro(['import', 'wget'], dir).err, /"wget" is not curl or postman/);
    assert.equal(ccmacro(['import', 'curl', 'missing.sh'], dir).code, 2);
    assert.match(ccmacro(['import', 'curl', '--help'], dir).out, /Usage: ccmacro import curl/);
  });
});

describe('ccmacro new (process)', function () {
  this.timeout(60000);
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-new-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes the template New Webhook Macro writes, named by its slug, then the next free name; each validates clean', () => {
    for (const { kind } of MACRO_TEMPLATES) {
      const r = ccmacro(['new', '--target', kind, `Escalate ${kind}`], dir);
      assert.equal(r.code, 0, r.err);
      const file = path.join(dir, `escalate-${kind}.ccmacro.json`);
      assert.equal(fs.readFileSync(file, 'utf8'), macroTemplate(kind, `Escalate ${kind}`));
    }
    const again = ccmacro(['new', '--target', 'slack', 'Escalate slack'], dir);
    assert.match(again.out, /^Wrote escalate-slack-2\.ccmacro\.json$/m);
    assert.match(again.out, /CCMACRO_SECRET_SLACK_WEBHOOK_URL +\$\{secret:SLACK_WEBHOOK_URL\}/);
    const v = ccmacro(['validate', '.'], dir);
    assert.equal(v.code, 0, v.out);
    assert.match(v.out, new RegExp(`${MACRO_TEMPLATES.length + 1} files checked: no problems`));
  });

  it("writes the template's tags as the project writes them: [[Tag]] under a brackets .ccmacro/config.json", () => {
    fs.mkdirSync(path.join(dir, '.ccmacro'));
    fs.writeFileSync(path.join(dir, '.ccmacro/config.json'), '{ "tagSyntax": "brackets" }');
    const r = ccmacro(['new', '--target', 'slack', '--out', 'macros', 'Escalate'], dir);
    assert.equal(r.code, 0, r.err);
    const text = fs.readFileSync(path.join(dir, 'macros/escalate.ccmacro.json'), 'utf8');
    assert.match(text, /\[\[Title\]\]/);
    assert.doesNotMatch(text, /\(\(Title\)\)/);
    const v = ccmacro(['validate', '.'], dir);
    assert.equal(v.code, 0, v.out);
    assert.match(v.out, /1 file checked: no problems/);
  });

  it('a target with no template is a usage error listing the templates there are', () => {
    const r = ccmacro(['new', '--target', 'sharepoint', 'X'], dir);
    assert.equal(r.code, 2);
    assert.equal(
      r.err,
      `ccmacro new: there is no template for --target sharepoint: the templates are ${MACRO_TEMPLATES.map(t => t.kind).join(', ')}\n`,
    );
    assert.deepEqual(tree(dir), {});
  });

  it('a hostile name stays inside the folder, its file name slugged; the name itself is kept as data', () => {
    for (const name of ['../../x', '/etc/passwd', 'a\u0007b\u001b[31mc', '..']) {
      const r = ccmacro(['new', '--out', 'm', name], dir);
      assert.equal(r.code, 0, r.err);
    }
    const files = Object.keys(tree(dir)).sort();
    assert.deepEqual(files, [
      'm/a-b-31mc.ccmacro.json',
      'm/etc-passwd.ccmacro.json',
      'm/macro.ccmacro.json',
      'm/x.ccmacro.json',
    ]);
    assert.equal(parse(fs.readFileSync(path.join(dir, 'm/a-b-31mc.ccmacro.json'), 'utf8')).name, 'a\u0007b\u001b[31mc');
  });
});

describe('ccmacro import postman (process)', function () {
  this.timeout(60000);
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-postman-'));
    fs.writeFileSync(path.join(dir, 'c.json'), JSON.stringify(sampleCollection(), null, 2));
    fs.writeFileSync(path.join(dir, 'e.json'), JSON.stringify(sampleEnvironment(), null, 2));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes one macro per request in folders, the environments file, and lists secrets and what was not imported', () => {
    const r = ccmacro(['import', 'postman', 'c.json', '--environment', 'e.json', '--out', 'm'], dir);
    assert.match(r.out, /^Wrote m\/jira\/create-issue\.ccmacro\.json$/m);
    assert.match(r.out, /^Wrote m\/\.ccmacro\/environments\.json$/m);
    assert.match(r.out, /^8 macros from c\.json$/m);
    assert.match(r.out, /CCMACRO_SECRET_accessToken +\$\{secret:accessToken\}: /);
    assert.match(r.out, /^Not imported/m);
    assert.match(r.out, /The test script of the request "Jira \/ Create issue"/);
    assert.ok(!r.out.includes('tok-live') && !r.out.includes('jira-api-token'), 'no secret value printed');
    // Control characters in a request's name are shown visibly, never raw.
    assert.ok(!/[\u0000-\u0008\u000b-\u001f]/.test(r.out + r.err));
    const files = Object.keys(tree(path.join(dir, 'm'))).sort();
    assert.equal(files.length, 9);
    for (const f of files) assert.ok(!fs.readFileSync(path.join(dir, 'm', f), 'utf8').includes('tok-live'));
    // Problems are only the ${var:} placeholders, which environments fill in (exit 1 until then).
    for (const line of r.err.trim().split('\n').filter(Boolean)) assert.match(line, /\$\{var:/);
  });

  it('the imported macros validate clean with the environments file it writes, with and without --env (issue 18)', () => {
    const r = ccmacro(['import', 'postman', 'c.json', '--environment', 'e.json', '--out', 'm'], dir);
    assert.match(r.out, /^Wrote m\/\.ccmacro\/environments\.json$/m, r.out + r.err);
    assert.doesNotMatch(r.err, /placeholder\/malformed|var\//, 'no ${var:} placeholder is a problem any more');
    const all = ccmacro(['validate', 'm'], dir);
    assert.equal(all.code, 0, all.out + all.err);
    assert.match(all.out, /^8 files checked: no problems$/m);
    const named = ccmacro(['validate', 'm', '--env', 'acme_production'], dir);
    assert.equal(named.code, 0, named.out + named.err);
    const fromEnv = ccmacro(['validate', 'm'], dir, undefined, { CCMACRO_ENV: 'acme_production' });
    assert.equal(fromEnv.code, 0, fromEnv.out + fromEnv.err);
    const unknown = ccmacro(['validate', 'm', '--env', 'staging'], dir);
    assert.equal(unknown.code, 2);
    assert.match(
      unknown.err,
      /there is no environment "staging" in m\/\.ccmacro\/environments\.json: the environments are acme_production/,
    );
    const curl = ccmacro(
      ['render', 'm/jira/create-issue.ccmacro.json', '--env', 'acme_production', '--format', 'curl'],
      dir,
    );
    assert.equal(curl.code, 0, curl.err);
    assert.match(curl.out, /--url https:\/\/acme-prod\.atlassian\.net\//);
  });

  it('nothing is written when any file cannot be: an existing file, a linked folder', () => {
    fs.mkdirSync(path.join(dir, 'm/jira'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'm/jira/create-issue.ccmacro.json'), 'mine');
    const before = tree(dir);
    const r = ccmacro(['import', 'postman', 'c.json', '--out', 'm'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /m\/jira\/create-issue\.ccmacro\.json already exists/);
    assert.deepEqual(tree(dir), before);

    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-elsewhere-'));
    try {
      fs.rmSync(path.join(dir, 'm/jira'), { recursive: true });
      fs.symlinkSync(elsewhere, path.join(dir, 'm/jira'));
      const l = ccmacro(['import', 'postman', 'c.json', '--out', 'm', '--force'], dir);
      assert.equal(l.code, 2);
      assert.match(l.err, /The folder m\/jira is a symbolic link/);
      assert.deepEqual(fs.readdirSync(elsewhere), []);
      assert.deepEqual(Object.keys(tree(path.join(dir, 'm'))), ['jira']);
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('another collection version says which are read; bad JSON is located', () => {
    fs.writeFileSync(path.join(dir, 'v1.json'), JSON.stringify({ id: 'x', name: 'v1', order: [], requests: [] }));
    const r = ccmacro(['import', 'postman', 'v1.json'], dir);
    assert.equal(r.code, 1);
    assert.match(
      r.err,
      /^v1\.json:1:1: error: This is a Postman Collection v1 .*ccmacro reads Postman Collection v2\.1 and v2\.0.* \[import\/postman-version\]$/m,
    );
    fs.writeFileSync(path.join(dir, 'bad.json'), '{\n  "info": }');
    assert.match(
      ccmacro(['import', 'postman', 'bad.json'], dir).err,
      /^bad\.json:2:11: error: The collection is not valid JSON \[import\/postman-json\]$/m,
    );
    assert.deepEqual(Object.keys(tree(dir)).sort(), ['bad.json', 'c.json', 'e.json', 'v1.json']);
  });
});
