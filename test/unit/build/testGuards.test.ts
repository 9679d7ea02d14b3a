import * as assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../../root';
import { passResult, summarize, type PassCounts, type PassResult } from '../../host/results';

// The test runs cannot report success for tests they did not run: `.only` fails both mocha runs, a host run that
// ran fewer tests than it loaded (or none) fails, skipped tests are counted, and golden files are rewritten only by
// `npm run test:update-golden`. Each is shown on throwaway spec files in a temporary folder, run as child processes
// with the repository's own settings.

const MOCHA = path.join(REPO_ROOT, 'node_modules/mocha/bin/mocha.js');
const OUT = path.join(REPO_ROOT, 'out/test');

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-guards-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  return file;
}

/** mocha with every setting of the repository's .mocharc.json, on `spec` instead of the unit suite. */
function unitMocha(spec: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  const rc = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, '.mocharc.json'), 'utf8')) as Record<string, unknown>;
  const config = write('mocharc.json', JSON.stringify({ ...rc, spec: [spec] }));
  return spawnSync(process.execPath, [MOCHA, '--config', config, ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
  });
}

/** The host suite's runner (test/host/index.ts runHostTests) on `files`, in a child process; its result. */
function hostRun(files: string[], grep = ''): PassResult {
  const script =
    `require(${JSON.stringify(path.join(OUT, 'host/index.js'))})` +
    `.runHostTests(${JSON.stringify(files)}, ${JSON.stringify(grep)})` +
    `.then(r => process.stderr.write('RESULT ' + JSON.stringify(r) + '\\n'));`;
  const r = spawnSync(process.execPath, ['-e', script], {
    cwd: tmp,
    env: { PATH: process.env.PATH },
    encoding: 'utf8',
  });
  const line = /^RESULT (.*)$/m.exec(r.stderr);
  assert.ok(line, `the host runner printed no result:\n${r.stdout}${r.stderr}`);
  return JSON.parse(line[1]) as PassResult;
}

const TWO_TESTS = "describe('a', () => {\n  it('one', () => {});\n  it('two', () => {});\n});\n";

describe('`.only` fails the run', function () {
  this.timeout(60_000);

  it('in the unit suite (.mocharc.json forbid-only)', () => {
    const ok = unitMocha(write('two.test.js', TWO_TESTS));
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /2 passing/);
    const only = unitMocha(write('only.test.js', TWO_TESTS.replace("it('one'", "it.only('one'")));
    assert.notEqual(only.status, 0, `a spec with it.only passed:\n${only.stdout}`);
    assert.match(only.stdout + only.stderr, /\.only` forbidden/);
  });

  it('in the real-host runner (forbidOnly)', () => {
    const TDD = "suite('a', () => {\n  test('one', () => {});\n  test('two', () => {});\n});\n";
    const ok = hostRun([write('two.test.js', TDD)]);
    assert.deepEqual(ok, { passes: 2, failures: 0, pending: 0, loaded: 2, problems: [] });
    const only = hostRun([write('only.test.js', TDD.replace("test('one'", "test.only('one'"))]);
    assert.equal(only.failures, 1);
    assert.match(only.problems.join('\n'), /\.only` forbidden/);
  });

  it('a unit run that finds no test fails (.mocharc.json fail-zero)', () => {
    const none = unitMocha(write('none.test.js', "describe('nothing', () => {});\n"));
    assert.notEqual(none.status, 0, none.stdout);
  });
});

describe('a real-host run counts what it ran', function () {
  this.timeout(60_000);

  it('skipped tests are counted, and a pass that ran them all is trusted', () => {
    const r = hostRun([
      write('skips.test.js', "suite('a', () => {\n  test('one', () => {});\n  test('later');\n});\n"),
      write('skip2.test.js', "suite('b', () => {\n  test('two', function () { this.skip(); });\n});\n"),
    ]);
    assert.deepEqual(r, { passes: 1, failures: 0, pending: 2, loaded: 3, problems: [] });
    assert.equal(
      summarize([{ pass: 'trusted', exitCode: 0, result: r }], '').line,
      'real-host: 1 passed, 0 failed, 2 skipped',
    );
  });

  it('a test file that registers no test is a problem', () => {
    const r = hostRun([
      write('two.test.js', TWO_TESTS.replace(/describe/, 'suite').replace(/it\(/g, 'test(')),
      write('empty.test.js', "suite('returned early', () => {});\n"),
    ]);
    assert.equal(r.passes, 2);
    assert.deepEqual(r.problems, ['empty.test.js registers no test (a suite that returned early?)']);
  });

  it('tests loaded but never run are a problem (a failing suiteSetup)', () => {
    const r = hostRun([
      write(
        'hook.test.js',
        "suite('a', () => {\n  suiteSetup(() => { throw new Error('no'); });\n  test('one', () => {});\n  test('two', () => {});\n});\n",
      ),
    ]);
    assert.equal(r.failures, 1);
    assert.deepEqual(r.problems, ['2 of the 2 tests loaded never ran']);
  });

  it('a grep that matches nothing loads no test; the summary of the run fails', () => {
    const file = write('two.test.js', "suite('a', () => {\n  test('one', () => {});\n});\n");
    const trusted = hostRun([file], 'no such title');
    assert.deepEqual(trusted, { passes: 0, failures: 0, pending: 0, loaded: 0, problems: [] });
    const s = summarize(
      [
        { pass: 'trusted', exitCode: 0, result: trusted },
        { pass: 'untrusted', exitCode: 0, result: trusted },
      ],
      'no such title',
    );
    assert.equal(s.ok, false);
    assert.equal(s.line, 'real-host: 0 passed, 1 failed, 0 skipped');
    assert.deepEqual(s.problems, ['no host test matched CCMACRO_HOST_GREP="no such title"']);
    // The same grep matching in one pass only is fine: the other pass loads none.
    const one = hostRun([file], 'one');
    assert.ok(
      summarize(
        [
          { pass: 'trusted', exitCode: 0, result: one },
          { pass: 'untrusted', exitCode: 0, result: trusted },
        ],
        'one',
      ).ok,
    );
  });

  it('without a grep, a pass that loads no test fails', () => {
    const counts: PassCounts = { loaded: 0, ended: 0, passes: 0, failures: 0, pending: 0, testsPerFile: [], grep: '' };
    assert.deepEqual(passResult(counts).problems, ['the pass found no test file']);
    const s = summarize([{ pass: 'trusted', exitCode: 1, result: passResult(counts) }], '');
    assert.equal(s.line, 'real-host: 0 passed, 1 failed, 0 skipped');
    assert.ok(!s.ok);
  });

  it('fewer tests ended than mocha loaded fails the pass even with no failed test', () => {
    const counts: PassCounts = {
      loaded: 5,
      ended: 4,
      passes: 4,
      failures: 0,
      pending: 0,
      testsPerFile: [{ file: '/x/a.test.js', tests: 5 }],
      grep: '',
    };
    const r = passResult(counts);
    assert.deepEqual(r.problems, ['1 of the 5 tests loaded never ran']);
    const s = summarize([{ pass: 'trusted', exitCode: 0, result: r }], '');
    assert.equal(s.line, 'real-host: 4 passed, 1 failed, 0 skipped');
    assert.deepEqual(s.problems, ["pass 'trusted': 1 of the 5 tests loaded never ran"]);
  });

  it('a pass that crashed before reporting, or reported nothing, counts as failed', () => {
    assert.equal(
      summarize([{ pass: 'trusted', exitCode: 1, result: { passes: 3, failures: 0, pending: 1, problems: [] } }], '')
        .line,
      'real-host: 3 passed, 1 failed, 1 skipped',
    );
    const s = summarize([{ pass: 'untrusted', exitCode: 1 }], 'x');
    assert.equal(s.line, 'real-host: 0 passed, 1 failed, 0 skipped');
    assert.deepEqual(s.problems, ["pass 'untrusted' reported no result (exit status 1)"]);
    assert.equal(summarize([], '').ok, false);
  });

  it('run.sh sums the passes it recorded with `node out/test/host/results.js DIR` (summary line alone on stdout)', () => {
    const dir = path.join(tmp, 'results');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'trusted.exit'), '0\n');
    fs.writeFileSync(
      path.join(dir, 'trusted.json'),
      JSON.stringify({ passes: 7, failures: 0, pending: 1, loaded: 8, problems: [] }),
    );
    fs.writeFileSync(path.join(dir, 'untrusted.exit'), '0\n');
    fs.writeFileSync(
      path.join(dir, 'untrusted.json'),
      JSON.stringify({ passes: 2, failures: 0, pending: 0, loaded: 2, problems: [] }),
    );
    const run = () =>
      spawnSync(process.execPath, [path.join(OUT, 'host/results.js'), dir], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH },
      });
    let r = run();
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'real-host: 9 passed, 0 failed, 1 skipped\n');
    fs.writeFileSync(path.join(dir, 'untrusted.exit'), '1\n');
    fs.rmSync(path.join(dir, 'untrusted.json'));
    r = run();
    assert.equal(r.status, 1);
    assert.equal(r.stdout, 'real-host: 7 passed, 1 failed, 1 skipped\n');
    assert.match(r.stderr, /real-host: pass 'untrusted' reported no result \(exit status 1\)/);
  });
});

describe('golden files are rewritten only by `npm run test:update-golden`', function () {
  this.timeout(60_000);
  const script = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).scripts[
    'test:update-golden'
  ] as string;
  /** The mocha arguments of the script (after its build steps). */
  const updateArgs = script.slice(script.lastIndexOf('mocha ') + 'mocha '.length).split(' ');
  let expected: string;
  let spec: string;
  beforeEach(() => {
    expected = write('out.expected.txt', 'old\n');
    spec = write(
      'golden.test.js',
      `const { assertGolden } = require(${JSON.stringify(path.join(OUT, 'golden.js'))});\n` +
        `it('matches', () => assertGolden(${JSON.stringify(expected)}, 'new\\n'));\n`,
    );
  });

  it('no environment variable rewrites them (UPDATE_GOLDEN=1 left set fails and writes nothing)', () => {
    const r = unitMocha(spec, [], { UPDATE_GOLDEN: '1', UPDATING_GOLDEN: '1', CCMACRO_UPDATE_GOLDEN: '1' });
    assert.notEqual(r.status, 0, r.stdout);
    assert.match(r.stdout, /differs.*run npm run test:update-golden if the change is intended/);
    assert.equal(fs.readFileSync(expected, 'utf8'), 'old\n');
  });

  it('the script rewrites them', () => {
    assert.deepEqual(updateArgs, ['--require', 'out/test/updateGolden.js']);
    const r = unitMocha(spec, updateArgs);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(fs.readFileSync(expected, 'utf8'), 'new\n');
  });

  it('never under CI', () => {
    const r = unitMocha(spec, updateArgs, { CI: 'true' });
    assert.notEqual(r.status, 0, r.stdout);
    assert.match(r.stderr, /golden files are never rewritten under CI \(CI=true\)/);
    assert.equal(fs.readFileSync(expected, 'utf8'), 'old\n');
  });
});
