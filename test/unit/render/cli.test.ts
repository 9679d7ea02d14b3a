import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseMacro } from '../../../src/core/macro/parse';
import { BUILTIN_SAMPLES } from '../../../src/core/samples/builtin';
import { renderMacro } from '../../../src/core/targets/render';
import { REPO_ROOT } from '../../root';

const BIN = path.join(REPO_ROOT, 'bin/ccmacro.js');

function ccmacro(args: string[], opts: { cwd: string; env?: Record<string, string> }) {
  const r = spawnSync(process.execPath, [BIN, 'render', ...args], {
    cwd: opts.cwd,
    env: { PATH: process.env.PATH, ...opts.env },
    encoding: 'buffer',
  });
  return { code: r.status, stdout: r.stdout, out: r.stdout.toString('utf8'), err: r.stderr.toString('utf8') };
}

const MACRO = `{
  // A tracker-like macro (not a Jira URL: no target check): secrets in the URL and a header, tags in the body
  "name": "Create issue",
  "samples": ["data/items.sample.json"],
  "request": {
    "method": "POST",
    "url": "https://tracker.example.test/api/issue?token=\${secret:JIRA_TOKEN}",
    "headers": { "Authorization": "Basic \${env:JIRA_AUTH}" },
    "body": { "fields": { "summary": "((Title))", "description": "((Description))", "id": "((Feedback ID)):number" } }
  }
}`;

/** 1-based line:col of the first occurrence of `needle` in `text`. */
function at(text: string, needle: string): string {
  const before = text.slice(0, text.indexOf(needle)).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}
const MISSING =
  '{"name":"m","request":{"method":"POST","url":"https://x.test","body":{"a":"((Nope)) ((Title))","b":"((Also Nope))"}}}';

describe('ccmacro render (process)', function () {
  this.timeout(60000);
  let dir = '';
  before(() => {
    assert.ok(fs.existsSync(path.join(REPO_ROOT, 'dist/cli.js')), 'build first: node scripts/build.mjs');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-render-'));
    fs.mkdirSync(path.join(dir, 'm', 'data'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'm', 'jira.ccmacro.json'), MACRO);
    fs.writeFileSync(
      path.join(dir, 'm', 'data', 'items.sample.json'),
      JSON.stringify([
        { Title: 'First', Description: 'd1', 'Feedback ID': 1 },
        { Title: 'Second "two"', Description: 'd2\n', 'Feedback ID': '2' },
      ]),
    );
    fs.writeFileSync(path.join(dir, 'missing.ccmacro.json'), MISSING);
    fs.writeFileSync(path.join(dir, 'broken.ccmacro.json'), '{"name":"m",\n  "request": {"url": "https://x.test"\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints exactly the body bytes by default, nothing else', () => {
    const r = ccmacro(['m/jira.ccmacro.json', '--sample', 'builtin:hostile'], { cwd: dir });
    assert.equal(r.err, '');
    assert.equal(r.code, 0);
    const expected = renderMacro(parseMacro(MACRO), { sample: BUILTIN_SAMPLES.find(s => s.id === 'hostile')!.items[0] })
      .request!.body!;
    assert.ok(r.stdout.equals(Buffer.from(expected)), 'stdout is byte-for-byte the rendered body');
    const body = JSON.parse(r.out);
    assert.equal(body.fields.summary, BUILTIN_SAMPLES.find(s => s.id === 'hostile')!.items[0].Title);
    assert.equal(body.fields.id, 48213);
  });

  it("uses the macro's own sample (relative to the macro) and --sample-index", () => {
    assert.equal(JSON.parse(ccmacro(['m/jira.ccmacro.json'], { cwd: dir }).out).fields.summary, 'First');
    const second = JSON.parse(ccmacro(['jira.ccmacro.json', '--sample-index', '1'], { cwd: path.join(dir, 'm') }).out);
    assert.deepEqual(second.fields, { summary: 'Second "two"', description: 'd2\n', id: 2 });
    const r = ccmacro(['m/jira.ccmacro.json', '--sample-index', '5'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(
      r.err,
      /^m\/data\/items\.sample\.json:1:1: error: The sample has 2 items, numbered from 0 to 1; there is no item 5/,
    );
  });

  it('--format request prints method, URL, headers and body with secrets masked, after checking they are set', () => {
    const unset = ccmacro(['m/jira.ccmacro.json', '--format', 'request'], { cwd: dir });
    assert.equal(unset.code, 1);
    assert.equal(unset.out, '');
    assert.ok(
      unset.err.startsWith(
        `m/jira.ccmacro.json:${at(MACRO, '${secret:JIRA_TOKEN}')}: error: \${secret:JIRA_TOKEN} is not set: set the environment variable CCMACRO_SECRET_JIRA_TOKEN`,
      ),
      unset.err,
    );
    assert.match(unset.err, /\$\{env:JIRA_AUTH\} is not set: set the environment variable JIRA_AUTH/);
    const r = ccmacro(['m/jira.ccmacro.json', '--format', 'request'], {
      cwd: dir,
      env: { CCMACRO_SECRET_JIRA_TOKEN: 'tok-SECRET-1', JIRA_AUTH: 'YXV0aC1TRUNSRVQ=' },
    });
    assert.equal(r.code, 0, r.err);
    assert.equal(
      r.out,
      'POST https://tracker.example.test/api/issue?token=••••\nAuthorization: Basic ••••\nContent-Type: application/json; charset=utf-8\n\n' +
        '{\n  "fields": {\n    "summary": "First",\n    "description": "d1",\n    "id": 1\n  }\n}\n',
    );
    assert.ok(!r.out.includes('SECRET') && !r.err.includes('SECRET'));
  });

  it('--format request also masks credentials written literally in the file, as the preview does', () => {
    fs.writeFileSync(
      path.join(dir, 'literal.ccmacro.json'),
      JSON.stringify({
        name: 'literal',
        request: {
          method: 'POST',
          url: 'https://hooks.slack.com/services/T000/B000/XXXXLITERALXXXX',
          headers: { Authorization: 'Bearer literal-token-123456' },
          body: { text: '((Title))' },
        },
      }),
    );
    const r = ccmacro(['literal.ccmacro.json', '--format', 'request', '--sample', 'builtin:feedback'], { cwd: dir });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^POST https:\/\/hooks\.slack\.com\/services\/••••\nAuthorization: Bearer ••••\n/);
    assert.ok(!r.out.includes('LITERAL') && !r.out.includes('literal-token'), r.out);
  });

  it('--format curl prints a command with environment references, never secret values', () => {
    const r = ccmacro(['m/jira.ccmacro.json', '--format', 'curl'], {
      cwd: dir,
      env: { CCMACRO_SECRET_JIRA_TOKEN: 'tok-SECRET-1', JIRA_AUTH: 'YXV0aC1TRUNSRVQ=' },
    });
    assert.equal(r.code, 0, r.err);
    assert.match(
      r.out,
      /^# Reads the environment variable \$JIRA_AUTH \(\$\{env:…\} in the macro\) and sends its value to tracker\.example\.test: check before you run it\.\ncurl \\\n {2}--request POST \\\n {2}--url 'https:\/\/tracker\.example\.test\/api\/issue\?token='"\$\{CCMACRO_SECRET_JIRA_TOKEN\}" \\\n {2}--header 'Authorization: Basic '"\$\{JIRA_AUTH\}"/,
    );
    assert.ok(!r.out.includes('SECRET-1') && !r.out.includes('YXV0aC1TRUNSRVQ='));
  });

  it('exits 1 with every missing tag located as path:line:col: error', () => {
    const r = ccmacro(['missing.ccmacro.json', '--sample', 'builtin:feedback'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.equal(r.out, '');
    const lines = r.err.trim().split('\n');
    assert.equal(lines.length, 2);
    assert.ok(
      lines[0].startsWith(
        `missing.ccmacro.json:${at(MISSING, '((Nope))')}: error: The sample has no value for ((Nope)).`,
      ),
      lines[0],
    );
    assert.ok(lines[0].endsWith('[render/missing-tag]'));
    assert.ok(
      lines[1].startsWith(
        `missing.ccmacro.json:${at(MISSING, '((Also Nope))')}: error: The sample has no value for ((Also Nope)).`,
      ),
      lines[1],
    );
    const allowed = ccmacro(['missing.ccmacro.json', '--sample', 'builtin:feedback', '--allow-missing'], { cwd: dir });
    assert.equal(allowed.code, 0);
    assert.equal(JSON.parse(allowed.out).b, '');
  });

  it("exits 1 pointing at the macro's samples entry when that file does not exist", () => {
    const text =
      '{"name":"x","samples":["nope.sample.json"],"request":{"method":"POST","url":"https://x.test","body":{}}}';
    fs.writeFileSync(path.join(dir, 'nosample.ccmacro.json'), text);
    const r = ccmacro(['nosample.ccmacro.json'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.equal(
      r.err,
      `nosample.ccmacro.json:${at(text, '"nope.sample.json"')}: error: The sample file nope.sample.json does not exist [sample/not-found]\n`,
    );
  });

  it('exits 1 with located syntax errors', () => {
    const r = ccmacro(['broken.ccmacro.json'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(r.err, /^broken\.ccmacro\.json:3:1: error: Expected a closing brace/m);
  });

  it('exits 2 on usage and I/O errors', () => {
    for (const args of [
      [],
      ['a', 'b'],
      ['m/jira.ccmacro.json', '--format', 'yaml'],
      ['nope.ccmacro.json'],
      ['m/jira.ccmacro.json', '--sample', 'nope.json'],
      ['m/jira.ccmacro.json', '--sample-index', '-1'],
      ['m/jira.ccmacro.json', '--bogus'],
    ]) {
      const r = ccmacro(args, { cwd: dir });
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.equal(r.out, '');
      assert.match(r.err, /^ccmacro render: /);
    }
  });
});
