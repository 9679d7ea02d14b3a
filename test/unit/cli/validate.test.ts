import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../../root';

const ROOT = REPO_ROOT;
const BIN = path.join(ROOT, 'bin', 'ccmacro.js');

function ccmacro(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const VALID = '{\n  "name": "Ok",\n  "request": { "method": "POST", "url": "https://a.example/" }\n}\n';
const BROKEN = '{\n  "name": "Broken",\n  "request": {\n    "method": "post",\n    "url": "ftp://a.example/"\n  }\n}\n';
const WARNING_ONLY =
  '{\n  "name": "Warn",\n  "triggers": ["manual", "manual"],\n  "request": { "method": "POST", "url": "https://a.example/" }\n}\n';

describe('ccmacro validate (spawned)', function () {
  this.timeout(120000);
  let tmp: string;

  before(() => {
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-validate-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const write = (rel: string, text: string) => {
    const file = path.join(tmp, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  };

  it('uses the project tag catalog above the macro, reports problems inside it, and --no-builtin-tags drops the built-ins', () => {
    // Catalogs are read up to the repository's top folder (`cat`), never above it.
    fs.mkdirSync(path.join(tmp, 'cat', '.git'), { recursive: true });
    write(
      'cat/.ccmacro/tags.json',
      '{\n  "tags": [\n    { "name": "Build Number" },\n    { "scope": "user" }\n  ]\n}\n',
    );
    const macro = write(
      'cat/sub/build.ccmacro.json',
      '{ "name": "B", "request": { "method": "POST", "url": "https://a.example/", "body": { "t": "((Build Number)) ((Title))" } } }\n',
    );
    const cwd = path.join(tmp, 'cat');
    const r = ccmacro(['validate', path.relative(cwd, macro)], cwd);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^\.ccmacro\/tags\.json:4:5: error: .*name.* \[catalog\/invalid\]$/m);
    assert.doesNotMatch(r.stdout, /tag\/unknown/, 'Build Number (project) and Title (built-in) are both known');
    // Known, but no sample gives it a value: the macro has no "samples", and the built-in one lacks it, so a send stops.
    assert.match(
      r.stdout,
      /^sub\/build\.ccmacro\.json:1:\d+: error: \(\(Build Number\)\) has no value in sample item Typical feedback \(built-in\).*\[render\/missing-tag\]$/m,
    );
    assert.match(r.stdout, /^1 file and 1 tag catalog checked: 2 errors, 0 warnings$/m);
    const strict = ccmacro(['validate', '--no-builtin-tags', path.relative(cwd, macro)], cwd);
    // Unknown to the catalog, but the sample the macro is checked with provides it: it renders, so only a warning.
    assert.match(
      strict.stdout,
      /^sub\/build\.ccmacro\.json:1:\d+: warning: Unknown tag \(\(Title\)\).*\[tag\/unknown\]$/m,
    );
    assert.doesNotMatch(strict.stdout, /error: .*\(\(Title\)\)/);
    assert.doesNotMatch(strict.stdout, /Unknown tag \(\(Build Number\)\)/);
  });

  it('validates every example with zero problems (exit 0)', () => {
    const r = ccmacro(['validate', 'examples']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const names = fs.readdirSync(path.join(ROOT, 'examples')).filter(n => n.endsWith('.ccmacro.json'));
    assert.ok(names.length >= 4);
    assert.equal(r.stdout, `${names.length} files checked: no problems\n`);
    const json = JSON.parse(ccmacro(['validate', 'examples', '--format', 'json']).stdout);
    for (const f of json.files) assert.deepEqual(f.problems, [], f.path);
    assert.deepEqual(json.files.map((f: { path: string }) => f.path).sort(), names.map(n => `examples/${n}`).sort());
  });

  it('prints path:line:col: severity: message [code] and exits 1 on errors', () => {
    write('broken/bad.ccmacro.json', BROKEN);
    const r = ccmacro(['validate', 'broken/bad.ccmacro.json'], tmp);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    const lines = r.stdout.trimEnd().split('\n');
    assert.deepEqual(lines, [
      'broken/bad.ccmacro.json:4:15: error: `request.method` must be one of GET, POST, PUT, PATCH or DELETE — did you mean "POST"? [schema/enum]',
      'broken/bad.ccmacro.json:5:12: error: The URL must start with https:// (or http://), or be a ${secret:NAME} or ${env:NAME} placeholder; it starts with "ftp:" [request/url-not-http]',
      '1 file checked: 2 errors, 0 warnings',
    ]);
  });

  it('exits 0 when there are only warnings, and counts them', () => {
    write('warn/w.ccmacro.json', WARNING_ONLY);
    const r = ccmacro(['validate', 'warn'], tmp);
    assert.equal(r.code, 0, r.stdout);
    assert.match(
      r.stdout,
      /^warn\/w\.ccmacro\.json:3:26: warning: .* \[triggers\/duplicate\]\n1 file checked: 0 errors, 1 warning\n$/,
    );
  });

  it('reports syntax errors in a truncated file with a location', () => {
    write('trunc/t.ccmacro.json', '{\n  "name": "T",\n  "request": {');
    const r = ccmacro(['validate', 'trunc/t.ccmacro.json'], tmp);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^trunc\/t\.ccmacro\.json:3:\d+: error: .*\[syntax\/\w+\]$/m);
  });

  it('prints machine-readable results with --format json', () => {
    write('json/bad.ccmacro.json', BROKEN);
    write('json/ok.ccmacro.json', VALID);
    const r = ccmacro(['validate', '--format', 'json', 'json'], tmp);
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.summary, { files: 2, catalogs: 0, errors: 2, warnings: 0, infos: 0 });
    assert.deepEqual(
      out.files.map((f: { path: string }) => f.path),
      ['json/bad.ccmacro.json', 'json/ok.ccmacro.json'],
    );
    assert.deepEqual(out.files[0].problems[0], {
      code: 'schema/enum',
      severity: 'error',
      message: '`request.method` must be one of GET, POST, PUT, PATCH or DELETE — did you mean "POST"?',
      line: 4,
      column: 15,
      endLine: 4,
      endColumn: 21,
    });
    assert.deepEqual(out.files[1].problems, []);
  });

  it('annotates problems for GitHub Actions with --format github', () => {
    write('gh/bad.ccmacro.json', BROKEN);
    const r = ccmacro(['validate', '--format', 'github', 'gh'], tmp);
    assert.equal(r.code, 1);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(
      lines[0],
      '::error file=gh/bad.ccmacro.json,line=4,col=15,endLine=4,endColumn=21,title=ccmacro schema/enum::' +
        '`request.method` must be one of GET, POST, PUT, PATCH or DELETE — did you mean "POST"?',
    );
    assert.equal(lines.at(-1), '1 file checked: 2 errors, 0 warnings');
  });

  it('writes a GitLab Code Quality report with --format gitlab (the summary on stderr)', () => {
    write('gl/bad.ccmacro.json', BROKEN);
    const r = ccmacro(['validate', '--format', 'gitlab', 'gl'], tmp);
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout) as Array<{
      check_name: string;
      severity: string;
      fingerprint: string;
      location: { path: string; lines: { begin: number } };
    }>;
    assert.equal(report.length, 2);
    assert.deepEqual(
      { ...report[0], fingerprint: undefined },
      {
        description:
          '`request.method` must be one of GET, POST, PUT, PATCH or DELETE — did you mean "POST"? [schema/enum]',
        check_name: 'schema/enum',
        fingerprint: undefined,
        severity: 'major',
        location: { path: 'gl/bad.ccmacro.json', lines: { begin: 4, end: 4 } },
      },
    );
    assert.match(report[0].fingerprint, /^[0-9a-f]{64}$/);
    assert.equal(ccmacro(['validate', '--format', 'gitlab', 'gl'], tmp).stdout, r.stdout, 'stable across runs');
    assert.match(r.stderr, /1 file checked: 2 errors/);
  });

  it('--format gitlab and github name files from the repository root, whatever folder it runs in', () => {
    const repo = path.join(tmp, 'repo');
    write('repo/macros/sub/bad.ccmacro.json', BROKEN);
    assert.equal(spawnSync('git', ['init', '-q'], { cwd: repo }).status, 0);
    const cwd = path.join(repo, 'macros');
    const gitlab = ccmacro(['validate', '--format', 'gitlab'], cwd);
    assert.equal(gitlab.code, 1, gitlab.stderr);
    const paths = (JSON.parse(gitlab.stdout) as Array<{ location: { path: string } }>).map(e => e.location.path);
    assert.deepEqual(paths, ['macros/sub/bad.ccmacro.json', 'macros/sub/bad.ccmacro.json']);
    const github = ccmacro(['validate', '--format', 'github'], cwd);
    assert.match(github.stdout, /^::error file=macros\/sub\/bad\.ccmacro\.json,line=4,/m);
    // What people read names files as they typed them.
    assert.match(ccmacro(['validate'], cwd).stdout, /^sub\/bad\.ccmacro\.json:4:15: error/m);
    assert.equal(
      JSON.parse(ccmacro(['validate', '--format', 'json'], cwd).stdout).files[0].path,
      'sub/bad.ccmacro.json',
    );
  });

  it('by default finds every *.ccmacro.json below the current folder, skipping node_modules and dot-folders', () => {
    const dir = path.join(tmp, 'discover');
    write('discover/a/one.ccmacro.json', VALID);
    write('discover/a/b/two.ccmacro.json', BROKEN);
    write('discover/node_modules/pkg/x.ccmacro.json', BROKEN);
    write('discover/.git/y.ccmacro.json', BROKEN);
    write('discover/.cache/z.ccmacro.json', BROKEN);
    write('discover/not-a-macro.json', BROKEN);
    const r = ccmacro(['validate'], dir);
    assert.equal(r.code, 1);
    const files = r.stdout
      .split('\n')
      .filter(l => l.includes('.ccmacro.json:'))
      .map(l => l.split(':')[0]);
    assert.deepEqual([...new Set(files)], ['a/b/two.ccmacro.json']);
    assert.match(r.stdout, /^2 files checked: 2 errors, 0 warnings$/m);
  });

  it('reports all of 160,000 unterminated (( as errors (exit 1), never as an internal warning that passes', () => {
    // Once, the 160,000 problems were appended with push(...problems): "Maximum call stack size exceeded", caught and
    // printed as `warning … [internal]`, and validate exited 0.
    const body = '((Title '.repeat(160_000);
    write(
      'huge/open.ccmacro.json',
      JSON.stringify({
        name: 'Open',
        request: { method: 'POST', url: 'https://a.example/', bodyFormat: 'text', body },
      }),
    );
    const r = spawnSync(process.execPath, [BIN, 'validate', 'huge'], {
      cwd: tmp,
      encoding: 'utf8',
      timeout: 60000,
      maxBuffer: 512 * 1024 * 1024,
    });
    assert.equal(r.status, 1, r.stderr);
    assert.doesNotMatch(r.stdout, /\[internal\]|Maximum call stack/);
    assert.equal(r.stdout.split('\n').filter(l => l.endsWith('[tag/unterminated]')).length, 160_000);
    assert.match(r.stdout, /^1 file checked: 160000 errors, 0 warnings\n$/m);
  });

  it('says so when a folder holds no macros, and exits 0', () => {
    fs.mkdirSync(path.join(tmp, 'empty'), { recursive: true });
    const r = ccmacro(['validate', 'empty'], tmp);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, 'No .ccmacro.json files found.\n');
  });

  it('exits 2 with one clear line for a missing path', () => {
    const r = ccmacro(['validate', 'examples', 'no/such/thing.ccmacro.json']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'ccmacro validate: no such file or folder: no/such/thing.ccmacro.json\n');
  });

  it('exits 2 for usage errors and 0 for --help', () => {
    const bad = ccmacro(['validate', '--format', 'xml', 'examples']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^ccmacro validate: --format must be text, json, github or gitlab, not "xml"$/m);
    const unknown = ccmacro(['validate', '--strict']);
    assert.equal(unknown.code, 2);
    assert.equal(unknown.stderr.split('\n').filter(Boolean).length, 1, unknown.stderr);
    const help = ccmacro(['validate', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: ccmacro validate/);
  });

  it('validates a file with a BOM and CRLF line ends at the right place', () => {
    write('bom/crlf.ccmacro.json', '\uFEFF' + BROKEN.replace(/\n/g, '\r\n'));
    const r = ccmacro(['validate', 'bom'], tmp);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^bom\/crlf\.ccmacro\.json:4:15: error: .*\[schema\/enum\]$/m);
  });

  it("knows every macro's returnValues names as tags in the other macros of the run", () => {
    const saver = write(
      'ext/jira.ccmacro.json',
      '{\n  "name": "Create Jira issue",\n  "request": { "method": "POST", "url": "https://a.example/" },\n  "returnValues": { "key": "Tracker Key" }\n}\n',
    );
    const user = write(
      'ext/comment.ccmacro.json',
      '{\n  "name": "Comment",\n  "request": { "method": "POST", "url": "https://a.example/((Tracker Key))/comment" }\n}\n',
    );
    const both = ccmacro(['validate', path.dirname(saver)], tmp);
    assert.doesNotMatch(both.stdout, /tag\/unknown/, 'Tracker Key is known: another macro saves it');
    // Known is not filled in: the built-in sample the macro is checked with has no Tracker Key, so a send would stop.
    assert.equal(both.code, 1, both.stdout);
    assert.match(
      both.stdout,
      /^ext\/comment\.ccmacro\.json:3:\d+: error: \(\(Tracker Key\)\) has no value in sample item .*\[render\/missing-tag\]$/m,
    );
    assert.match(both.stdout, /2 files checked: 1 error, 0 warnings/);
    const alone = ccmacro(['validate', user], tmp);
    // Alone, it is unknown and no sample has it: one problem, an error (a send would stop).
    assert.match(alone.stdout, /ext\/comment\.ccmacro\.json:3:\d+: error: Unknown tag \(\(Tracker Key\)\)/);
    assert.doesNotMatch(alone.stdout, /render\/missing-tag/);
  });
});
