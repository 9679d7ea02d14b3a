import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { decodeFileBytes, fileReadError, firstInvalidUtf8 } from '../../../src/core/common/decode';
import { nodeFileSystem } from '../../../src/cli/nodeFs';
import { REPO_ROOT } from '../../root';

const BIN = path.join(REPO_ROOT, 'bin', 'ccmacro.js');

function ccmacro(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, all: r.stdout + r.stderr };
}

const GOOD =
  '{\n  "name": "Good",\n  "request": { "method": "POST", "url": "https://a.example/", "body": { "t": "((Title))" } }\n}\n';
const BROKEN = '{\n  "name": "Broken",\n  "request": { "method": "POST", "url": "ftp://a.example/" }\n}\n';

/** Issue 8, sections C (CLI) and E: bad files end well, with one sentence and the documented exit code. */
describe('bad files end well (ccmacro as a process)', function () {
  this.timeout(120000);
  let tmp = '';
  const write = (rel: string, content: string | Uint8Array) => {
    const file = path.join(tmp, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return file;
  };
  before(() => {
    assert.ok(fs.existsSync(path.join(REPO_ROOT, 'dist/cli.js')), 'build first: node scripts/build.mjs');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-bad-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  describe('E1: nesting 100,000 levels deep', () => {
    it('validate DIR reports a located "nested too deeply" error for the macro and the sample, and every other file', () => {
      write('deep/a-good.ccmacro.json', GOOD);
      write('deep/b-broken.ccmacro.json', BROKEN);
      write('deep/c-deep.ccmacro.json', '{"name": "D", "request": {"body": ' + '['.repeat(100_000));
      write(
        'deep/d-deep-sample.ccmacro.json',
        GOOD.replace('"name": "Good"', '"name": "S", "samples": ["s.sample.json"]'),
      );
      write('deep/s.sample.json', '['.repeat(100_000));
      const r = ccmacro(['validate', 'deep'], tmp);
      assert.equal(r.code, 1, r.all);
      assert.doesNotMatch(r.all, /Maximum call stack|unexpected failure/);
      assert.match(r.stdout, /^deep\/b-broken\.ccmacro\.json:3:\d+: error: .*\[request\/url-not-http\]$/m);
      // Two { and 126 [ make 128 levels: the 127th [ (column 35 + 126) opens the one past the limit.
      assert.match(
        r.stdout,
        /^deep\/c-deep\.ccmacro\.json:1:161: error: The macro is nested too deeply here: more than 128 levels .*\[json\/too-deep\]$/m,
      );
      assert.match(
        r.stdout,
        /^deep\/d-deep-sample\.ccmacro\.json:2:\d+: error: s\.sample\.json \(line 1, column 129\): The sample file is nested too deeply here.*\[sample\/too-deep\]$/m,
      );
      assert.match(r.stdout, /^4 files checked: 3 errors/m);
    });

    it('render and send refuse it with the same located error, exit 1', () => {
      for (const cmd of ['render', 'send']) {
        const r = ccmacro([cmd, 'deep/c-deep.ccmacro.json'], tmp);
        assert.equal(r.code, 1, r.all);
        assert.match(
          r.stderr,
          /^deep\/c-deep\.ccmacro\.json:1:161: error: The macro is nested too deeply.*\[json\/too-deep\]$/m,
        );
      }
    });
  });

  describe('E2: files that are not UTF-8 text, or not files', () => {
    const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
    const utf16be = (s: string) => Buffer.from(utf16le(s).subarray(2)).swap16();

    it('UTF-16 (with or without a byte-order mark), invalid UTF-8 and NUL bytes: one sentence each, exit 1, other files still reported', () => {
      write('enc/le.ccmacro.json', utf16le(GOOD));
      write('enc/be.ccmacro.json', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(GOOD)]));
      write('enc/nobom.ccmacro.json', Buffer.from(GOOD, 'utf16le'));
      write('enc/latin1.ccmacro.json', Buffer.from(GOOD.replace('Good', 'Caf\u00e9'), 'latin1'));
      write('enc/nul.ccmacro.json', Buffer.from('{"name": "N\u0000", ' + GOOD.slice(1), 'utf8'));
      write('enc/ok.ccmacro.json', GOOD);
      const r = ccmacro(['validate', 'enc'], tmp);
      assert.equal(r.code, 1, r.all);
      const lines = r.stdout.trimEnd().split('\n');
      assert.deepEqual(lines, [
        'enc/be.ccmacro.json:1:1: error: cannot read this file: it is saved as UTF-16 text; save it as UTF-8 [file/utf16]',
        'enc/latin1.ccmacro.json:2:15: error: cannot read this file: it is not UTF-8 text: the byte 0xE9 at line 2, column 15 is not part of a UTF-8 character; save the file as UTF-8 [file/not-utf8]',
        'enc/le.ccmacro.json:1:1: error: cannot read this file: it is saved as UTF-16 text; save it as UTF-8 [file/utf16]',
        'enc/nobom.ccmacro.json:1:1: error: cannot read this file: it is saved as UTF-16 text; save it as UTF-8 [file/utf16]',
        'enc/nul.ccmacro.json:1:1: error: cannot read this file: it holds NUL bytes, so it is not a text file [file/binary]',
        '6 files checked: 5 errors, 0 warnings',
      ]);
      const render = ccmacro(['render', 'enc/le.ccmacro.json'], tmp);
      assert.equal(render.code, 1);
      assert.equal(
        render.stderr,
        'enc/le.ccmacro.json:1:1: error: cannot read this file: it is saved as UTF-16 text; save it as UTF-8 [file/utf16]\n',
      );
    });

    it('a sample that is a folder, UTF-16 or /dev/zero: located at the macro\'s "samples" entry, exit 1', () => {
      write('samp/dir.sample.json/x.json', '{}');
      write('samp/u16.sample.json', utf16le('{"Title": "x"}'));
      for (const [name, sample, says] of [
        ['folder', 'dir.sample.json', 'it is a folder, not a file'],
        ['utf16', 'u16.sample.json', 'it is saved as UTF-16 text; save it as UTF-8'],
        ['device', '/dev/zero', 'it is not a regular file (a device, pipe or socket)'],
      ]) {
        const file = write(
          `samp/${name}.ccmacro.json`,
          GOOD.replace('"name": "Good"', `"name": "X", "samples": ["${sample}"]`),
        );
        const rel = path.relative(tmp, file);
        const started = Date.now();
        // /dev/zero is outside the folder given: read only with --allow-outside-samples (then refused as a device).
        const v = ccmacro(['validate', rel, '--allow-outside-samples'], tmp);
        assert.equal(v.code, 1, v.all);
        assert.ok(Date.now() - started < 30000, '/dev/zero is refused unread');
        assert.match(
          v.stdout,
          new RegExp(
            `^${rel}:2:\\d+: error: .*cannot be read: ${says.replace(/[()]/g, '\\$&')} \\[sample/cannot-read\\]$`,
            'm',
          ),
        );
        const r = ccmacro(['render', rel, '--allow-outside'], tmp);
        assert.equal(r.code, 1, r.all);
        assert.match(
          r.stderr,
          new RegExp(
            `^${rel}:2:\\d+: error: The sample file .* cannot be read: ${says.replace(/[()]/g, '\\$&')} \\[sample/cannot-read\\]$`,
            'm',
          ),
        );
      }
    });

    it('a macro that is a symlink loop, a folder or a device: one sentence, exit 2, the other files still reported', () => {
      fs.mkdirSync(path.join(tmp, 'io'), { recursive: true });
      fs.symlinkSync('loop-b.ccmacro.json', path.join(tmp, 'io/loop-a.ccmacro.json'));
      fs.symlinkSync('loop-a.ccmacro.json', path.join(tmp, 'io/loop-b.ccmacro.json'));
      write('io/ok.ccmacro.json', GOOD);
      const r = ccmacro(['validate', 'io/loop-a.ccmacro.json', 'io/ok.ccmacro.json', '/dev/zero'], tmp);
      assert.equal(r.code, 2, r.all);
      assert.doesNotMatch(r.all, /unexpected failure|ELOOP\b/);
      assert.match(
        r.stdout,
        /^io\/loop-a\.ccmacro\.json:1:1: error: cannot read this file: too many symbolic links \(a symbolic link points back to itself\) \[file\/loop\]$/m,
      );
      assert.match(
        r.stdout,
        /zero:1:1: error: cannot read this file: it is not a regular file \(a device, pipe or socket\) \[file\/not-a-file\]$/m,
      );
      assert.match(r.stdout, /^3 files checked: 2 errors/m);
      for (const cmd of ['render', 'send']) {
        const one = ccmacro([cmd, 'io/loop-a.ccmacro.json'], tmp);
        assert.equal(one.code, 2);
        assert.equal(
          one.stderr,
          `ccmacro ${cmd}: cannot read io/loop-a.ccmacro.json: too many symbolic links (a symbolic link points back to itself)\n`,
        );
      }
      const dev = ccmacro(['render', '/dev/zero'], tmp);
      assert.equal(dev.code, 2);
      assert.equal(
        dev.stderr,
        'ccmacro render: cannot read /dev/zero: it is not a regular file (a device, pipe or socket)\n',
      );
    });

    it('the disk adapter refuses without throwing, and decodes exactly what the editor decodes', async () => {
      assert.deepEqual(await nodeFileSystem.readFile(path.join(tmp, 'nope.json')), {
        ok: false,
        error: fileReadError('missing'),
      });
      assert.deepEqual((await nodeFileSystem.readFile(tmp)).ok, false);
      const big = write('big.json', Buffer.alloc(10 * 1024 * 1024 + 1, 0x20));
      const r = await nodeFileSystem.readFile(big);
      assert.equal(!r.ok && r.error.kind, 'too-large');
      // A UTF-8 byte-order mark is dropped, as editors drop it; everything else is kept exactly.
      assert.deepEqual(decodeFileBytes(Buffer.from('\ufeff{"a": "é"}', 'utf8')), { ok: true, value: '{"a": "é"}' });
      // Overlong forms, surrogates and bytes past U+10FFFF are not UTF-8.
      for (const bad of [[0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0x80]])
        assert.equal(firstInvalidUtf8(Uint8Array.from([0x41, ...bad])), 1, JSON.stringify(bad));
      assert.equal(firstInvalidUtf8(Buffer.from('héllo 🔥', 'utf8')), Buffer.byteLength('héllo 🔥'));
    });
  });

  describe('E3: --timeout', () => {
    it('beyond what Node timers accept (2^31 − 1 ms) is a usage error, exit 2, before anything is sent', () => {
      write('t/ok.ccmacro.json', GOOD);
      const r = ccmacro(['send', 't/ok.ccmacro.json', '--timeout', '2147483648', '--url', 'http://127.0.0.1:9/'], tmp);
      assert.equal(r.code, 2, r.all);
      assert.equal(r.stderr, 'ccmacro send: --timeout can be at most 2147483647, got "2147483648"\n');
      assert.doesNotMatch(r.all, /TimeoutOverflowWarning/);
    });
  });

  describe('C3 and C5 in the CLI', () => {
    it('a key written twice: validate, render and send all refuse it with the located error, exit 1', () => {
      const text =
        '{\n  "name": "Dup",\n  "request": {\n    "method": "POST",\n    "url": "https://a.test/",\n    "url": "https://b.test/"\n  }\n}\n';
      write('dup/dup.ccmacro.json', text);
      const expected =
        /^dup\/dup\.ccmacro\.json:6:5: error: `url` is written twice in `request`\. .*\[json\/duplicate-key\]$/m;
      const v = ccmacro(['validate', 'dup'], tmp);
      assert.equal(v.code, 1);
      assert.match(v.stdout, expected);
      for (const cmd of ['render', 'send']) {
        const r = ccmacro(
          [cmd, 'dup/dup.ccmacro.json', ...(cmd === 'send' ? ['--url', 'http://127.0.0.1:9/'] : [])],
          tmp,
        );
        assert.equal(r.code, 1, r.all);
        assert.match(r.stderr, expected);
      }
    });

    it('--sample-index counts items as written: [1, A, B] index 2 is B, index 0 is an error about item 0 only (exit 1)', () => {
      write(
        'idx/m.ccmacro.json',
        '{"name":"I","samples":["s.sample.json"],"request":{"method":"POST","url":"https://a.test/","bodyFormat":"text","body":"((Title))"}}',
      );
      write('idx/s.sample.json', '[1, {"Title":"A"}, {"Title":"B"}]');
      const two = ccmacro(['render', 'idx/m.ccmacro.json', '--sample-index', '2'], tmp);
      assert.equal(two.code, 0, two.all);
      assert.equal(two.stdout, 'B');
      assert.equal(two.stderr, '');
      const zero = ccmacro(['render', 'idx/m.ccmacro.json', '--sample-index', '0'], tmp);
      assert.equal(zero.code, 1);
      assert.equal(zero.stdout, '');
      assert.equal(
        zero.stderr,
        'idx/s.sample.json:1:2: error: Item 0 of the sample is not an object of tag names to values, e.g. { "Title": "Crash on launch" } [sample/not-object]\n',
      );
    });

    it('ccmacro render exits 1 whenever it prints an error', () => {
      write('err/s.sample.json', '[{"Title": "a\\nb", "N": "x"}, {"Title": "ok", "N": 1}]');
      const cases: Array<[string, string[]]> = [
        [
          '{"name":"E","samples":["s.sample.json"],"request":{"method":"POST","url":"https://a.test/","headers":{"X":"((Title))"}}}',
          [],
        ],
        [
          '{"name":"E","samples":["s.sample.json"],"request":{"method":"POST","url":"https://a.test/","body":{"n":"((N)):number"}}}',
          [],
        ],
        [
          '{"name":"E","samples":["s.sample.json"],"request":{"method":"POST","url":"https://a.test/((Nope))"}}',
          ['--sample-index', '1'],
        ],
        ['{"name":"E","samples":["missing.sample.json"],"request":{"method":"POST","url":"https://a.test/"}}', []],
        [
          '{"name":"E","request":{"method":"POST","url":"https://a.test/","headers":{"A":"${secret:NOPE}"}}}',
          ['--format', 'request'],
        ],
        [
          '{"name":"E","request":{"method":"POST","url":"https://a.test/","bodyFormat":"xml","body":"<a>((Workflow State))</a>"}}',
          ['--sample', 'builtin:hostile'],
        ],
        ['{"name":"E",', []],
      ];
      cases.forEach(([text, args], i) => {
        write(`err/m${i}.ccmacro.json`, text);
        const r = ccmacro(['render', `err/m${i}.ccmacro.json`, ...args], tmp);
        assert.match(r.stderr, /: error: /, `case ${i} prints an error`);
        assert.equal(r.code, 1, `case ${i}: ${r.all}`);
      });
    });
  });
});

/** Issue 15, section F: nothing a folder walk meets is skipped silently, and one bad file never stops the others. */
describe('nothing skipped silently (ccmacro as a process)', function () {
  this.timeout(120000);
  let tmp = '';
  const run = (args: string[], cwd: string, env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      cwd,
      encoding: 'utf8',
      timeout: 60000,
      env: { PATH: process.env.PATH, ...env },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, all: r.stdout + r.stderr };
  };
  const write = (rel: string, content: string | Uint8Array) => {
    const file = path.join(tmp, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return file;
  };
  /** A path in tmp whose file name holds the byte 0xE9 (Latin-1 é): not UTF-8. */
  const latin1Name = (dir: string, stem: string) =>
    Buffer.concat([Buffer.from(path.join(tmp, dir, stem)), Buffer.from([0xe9]), Buffer.from('.ccmacro.json')]);
  before(() => {
    assert.ok(fs.existsSync(path.join(REPO_ROOT, 'dist/cli.js')), 'build first: node scripts/build.mjs');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-skip-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('F1: a dangling link, a link loop, a pipe and a link to a folder named *.ccmacro.json are each reported, exit 2', () => {
    write('f1/ok.ccmacro.json', GOOD);
    fs.symlinkSync('gone.json', path.join(tmp, 'f1/dangling.ccmacro.json'));
    fs.symlinkSync('loop.ccmacro.json', path.join(tmp, 'f1/loop.ccmacro.json'));
    fs.mkdirSync(path.join(tmp, 'f1/folder'));
    fs.symlinkSync('folder', path.join(tmp, 'f1/folder-link.ccmacro.json'));
    const mkfifo = spawnSync('mkfifo', [path.join(tmp, 'f1/pipe.ccmacro.json')]);
    assert.equal(mkfifo.status, 0, 'mkfifo');
    const expected = [
      'dangling.ccmacro.json:1:1: error: cannot read this file: it is a symbolic link to a file that does not exist [file/missing]',
      'folder-link.ccmacro.json:1:1: error: cannot read this file: it is a folder, not a file [file/folder]',
      'loop.ccmacro.json:1:1: error: cannot read this file: too many symbolic links (a symbolic link points back to itself) [file/loop]',
      'pipe.ccmacro.json:1:1: error: cannot read this file: it is not a regular file (a device, pipe or socket) [file/not-a-file]',
    ];
    const v = run(['validate', 'f1'], tmp);
    assert.equal(v.code, 2, v.all);
    for (const line of expected) assert.ok(v.stdout.includes(`f1/${line}\n`), `${line}\n${v.stdout}`);
    assert.match(v.stdout, /^5 files checked: 4 errors, 0 warnings$/m);

    const t = run(['test', '--ci', 'f1'], tmp);
    assert.equal(t.code, 2, t.all);
    for (const line of expected) assert.ok(t.stdout.includes(`f1/${line}\n`), `${line}\n${t.stdout}`);
    assert.match(
      t.stdout,
      /f1\/ok\.ccmacro\.json .*\n.*no snapshot in f1\/ok\.snap\.http/,
      'the good macro is still tested',
    );
    assert.match(t.stdout, /Snapshots: 0 passed, 5 failed \(5 macros\)/);
  });

  it('F4: a folder that cannot be listed is reported at its path (file/no-access), and validate and test go on', () => {
    write('f4/a.ccmacro.json', GOOD);
    write('f4/shut/in.ccmacro.json', GOOD);
    write('f4/z/z.ccmacro.json', GOOD);
    fs.chmodSync(path.join(tmp, 'f4/shut'), 0o000);
    // root reads any folder: run as nobody then, with the files it needs open to everyone.
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    for (const d of ['', 'f4', 'f4/z']) fs.chmodSync(path.join(tmp, d), 0o777);
    for (const f of ['f4/a.ccmacro.json', 'f4/z/z.ccmacro.json']) fs.chmodSync(path.join(tmp, f), 0o666);
    const go = (args: string[]) => {
      const r = spawnSync(process.execPath, [BIN, ...args], {
        cwd: tmp,
        encoding: 'utf8',
        timeout: 60000,
        env: { PATH: process.env.PATH },
        ...asNobody,
      });
      return { code: r.status, stdout: r.stdout, all: r.stdout + r.stderr };
    };
    try {
      const v = go(['validate', 'f4']);
      assert.equal(v.code, 2, v.all);
      assert.equal(
        v.stdout,
        [
          'f4/shut:1:1: error: cannot read this file: it is a folder that cannot be searched for macros: permission denied [file/no-access]',
          '3 files checked: 1 error, 0 warnings',
          '',
        ].join('\n'),
      );
      assert.doesNotMatch(v.all, /\[object Object\]/);
      const t = go(['test', '--ci', 'f4']);
      assert.equal(t.code, 2, t.all);
      assert.match(t.stdout, /f4\/shut:1:1: error: cannot read this file: it is a folder that cannot be searched/);
      assert.match(t.stdout, /f4\/a\.ccmacro\.json/);
      assert.match(t.stdout, /f4\/z\/z\.ccmacro\.json/);
    } finally {
      fs.chmodSync(path.join(tmp, 'f4/shut'), 0o755);
    }
  });

  it('F2: a file name that is not UTF-8 is reported (file/name-not-utf8) and validate and test go on with the others', () => {
    write('f2/a.ccmacro.json', GOOD);
    fs.writeFileSync(latin1Name('f2', 'caf'), GOOD);
    write('f2/sub/z.ccmacro.json', GOOD);
    // A folder whose name is not UTF-8 is searched too.
    const folder = Buffer.concat([Buffer.from(path.join(tmp, 'f2', 'd')), Buffer.from([0xff])]);
    fs.mkdirSync(folder);
    fs.writeFileSync(Buffer.concat([folder, Buffer.from('/in.ccmacro.json')]), GOOD);
    const v = run(['validate', 'f2'], tmp);
    assert.equal(v.code, 1, v.all);
    assert.ok(
      v.stdout.includes(
        'f2/caf\\xE9.ccmacro.json:1:1: error: cannot read this file: its name is not UTF-8 text (the byte 0xE9), and ccmacro opens files by UTF-8 names only; rename it [file/name-not-utf8]\n',
      ),
      v.stdout,
    );
    assert.ok(v.stdout.includes('f2/d\\xFF/in.ccmacro.json:1:1: error: cannot read this file: its name is not UTF-8'));
    assert.doesNotMatch(v.all, /no such file|\uFFFD/);
    assert.match(v.stdout, /^4 files checked: 2 errors/m);
    // Named on the command line, such a name reaches ccmacro as U+FFFD (Node reads arguments as UTF-8): say why.
    const named = run(['validate', 'f2/caf\uFFFD.ccmacro.json'], tmp);
    assert.equal(named.code, 2);
    assert.match(
      named.stderr,
      /no such file or folder: .* \(a name that is not UTF-8 text cannot be given on the command line: name its folder/,
    );

    // Not under CI: snapshots are written for every readable macro, before and after the one that cannot be read.
    const t = run(['test', 'f2'], tmp);
    assert.equal(t.code, 1, t.all);
    assert.ok(fs.existsSync(path.join(tmp, 'f2/a.snap.http')));
    assert.ok(fs.existsSync(path.join(tmp, 'f2/sub/z.snap.http')), 'the run went on after the name it cannot open');
    assert.match(
      t.stdout,
      /f2\/caf\\xE9\.ccmacro\.json:1:1: error: cannot read this file: its name is not UTF-8 .*\[file\/name-not-utf8\]/,
    );
    assert.doesNotMatch(t.all, /^ccmacro test: /m);
  });

  it('F3: a macro holding NUL bytes is binary, not UTF-16; diff reports it and diffs the others (exit 1)', () => {
    assert.deepEqual(decodeFileBytes(Buffer.from('x\0y')), { ok: false, error: fileReadError('binary') });
    assert.deepEqual(decodeFileBytes(Buffer.from('{\0\0\0\x01\0')), { ok: false, error: fileReadError('binary') });
    assert.deepEqual(decodeFileBytes(Buffer.from(GOOD, 'utf16le')), { ok: false, error: fileReadError('utf16') });
    assert.deepEqual(decodeFileBytes(Buffer.from(GOOD, 'utf16le').swap16()), {
      ok: false,
      error: fileReadError('utf16'),
    });

    const repo = path.join(tmp, 'f3');
    fs.mkdirSync(repo);
    const git = (...args: string[]) => {
      const r = spawnSync('git', args, {
        cwd: repo,
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH,
          GIT_AUTHOR_NAME: 't',
          GIT_AUTHOR_EMAIL: 't@t',
          GIT_COMMITTER_NAME: 't',
          GIT_COMMITTER_EMAIL: 't@t',
          HOME: tmp,
        },
      });
      assert.equal(r.status, 0, r.stderr);
    };
    write('f3/a.ccmacro.json', GOOD);
    write('f3/b.ccmacro.json', GOOD);
    write('f3/c.ccmacro.json', GOOD);
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'macros');
    write('f3/a.ccmacro.json', GOOD.replace('"t": "((Title))"', '"t": "New: ((Title))"'));
    write('f3/b.ccmacro.json', Buffer.from('x\0y'));
    write('f3/c.ccmacro.json', GOOD.replace('"t": "((Title))"', '"t": "Old: ((Title))"'));
    for (const format of ['text', 'markdown']) {
      const d = run(['diff', '--format', format], repo);
      assert.equal(d.code, 1, d.all);
      assert.equal(d.stderr, '');
      assert.match(d.stdout, /\+.*"t": "New: /, 'a is diffed');
      assert.match(d.stdout, /\+.*"t": "Old: /, 'c, after the binary one, is diffed');
      assert.ok(
        d.stdout.includes(
          'b.ccmacro.json:1:1: error: cannot read this file: it holds NUL bytes, so it is not a text file [file/binary]',
        ),
        d.stdout,
      );
      assert.doesNotMatch(d.stdout, /UTF-16/);
    }
  });
});
