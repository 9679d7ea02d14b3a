import * as assert from 'node:assert/strict';
import { execFile, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { parseMacro } from '../../../src/core/macro/parse';
import { renderMacro } from '../../../src/core/targets/render';
import type { RenderedRequest } from '../../../src/core/render/types';
import { shellQuote, toCurl } from '../../../src/core/send/curl';
import { ROOT, startServer, type TestServer } from './servers';

const CLI = path.join(ROOT, 'bin', 'ccmacro.js');
const CLI_BUNDLE = path.join(ROOT, 'dist', 'cli.js');

/** The command toCurl prints (the test fails when it refuses). */
function curlText(request: RenderedRequest): string {
  const cmd = toCurl(request);
  assert.ok(cmd.ok, cmd.ok ? '' : cmd.error.message);
  return cmd.value;
}

const RAW = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

/** The bytes bash makes of a quoted word. */
function bashBytes(quoted: string): Buffer {
  return execFileSync('bash', ['-c', `printf %s ${quoted}`]);
}

function hasCurl(): boolean {
  try {
    execFileSync('curl', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('cURL commands with control characters', () => {
  it("quotes control characters $'…' so the command carries none raw and bash gets the exact bytes", () => {
    for (const s of [
      'a\x1b]52;c;ZXZpbA==\x07b',
      "it's\r\x1b[K forged",
      'tab\tand\nnewline',
      '\x9b2J \u202eevil\u2066 \u2028',
      "'\x1b'",
      '!x\x07$HOME `id` $(id) \\',
    ]) {
      const q = shellQuote(s);
      assert.equal(RAW.exec(q), null, `raw control character in ${JSON.stringify(q)}`);
      assert.ok(bashBytes(q).equals(Buffer.from(s, 'utf8')), `${JSON.stringify(s)} → ${q}`);
    }
    assert.equal(shellQuote('a\x1bb'), "'a'$'\\x1b''b'");
    assert.equal(shellQuote("plain it's"), "'plain it'\\''s'", 'text without control characters keeps POSIX quoting');
  });

  it('round-trips any text without NUL through bash (property)', () => {
    fc.assert(
      fc.property(
        fc
          .string({
            unit: fc.oneof(
              fc.integer({ min: 1, max: 0xa0 }).map(c => String.fromCharCode(c)),
              fc.string(),
            ),
          })
          .map(s => s.replace(/[\ud800-\udfff]/g, 'x')),
        s => {
          const q = shellQuote(s);
          assert.equal(RAW.exec(q), null, q);
          assert.ok(bashBytes(q).equals(Buffer.from(s, 'utf8')), `${JSON.stringify(s)} → ${q}`);
        },
      ),
      { numRuns: 60 },
    );
  });

  describe('run with curl against a local server', function () {
    let server: TestServer | undefined;
    afterEach(async () => server?.close());

    it('sends exactly the rendered header and body bytes', async function () {
      if (!hasCurl()) this.skip();
      server = await startServer((_req, res) => res.end('ok'));
      const sample = { Title: 'T\x1b]0;title\x07 \x9b \u202e it\'s "q" \\', Body: 'line1\r\nline2\x1b[2J\ttab' };
      const r = renderMacro(
        parseMacro(
          JSON.stringify({
            name: 'curl',
            request: {
              method: 'POST',
              url: `${server.url}/c?t=((Title))`,
              headers: { 'X-Note': 'tab\there' },
              bodyFormat: 'text',
              body: '((Title))|((Body))',
            },
          }),
        ),
        { sample },
      );
      assert.ok(r.request, JSON.stringify(r.problems));
      const cmd = curlText(r.request);
      assert.equal(RAW.exec(cmd.replace(/ \\\n/g, ' ').trimEnd()), null, cmd);
      const out = await new Promise<string>((resolve, reject) =>
        execFile(
          'bash',
          ['-c', `${cmd.trimEnd()} --silent --show-error --noproxy '*'`],
          { env: { PATH: process.env.PATH } },
          (err, stdout, stderr) => (err ? reject(new Error(stderr || String(err))) : resolve(stdout)),
        ),
      );
      assert.equal(out, 'ok');
      const seen = server.seen[0];
      assert.equal(seen.body, r.request.bodyText, 'the body is exact');
      assert.equal(seen.headers['x-note'], 'tab\there');
      assert.equal(`${server.url}${seen.url}`, r.request.url);
    });
  });
});

/** `ccmacro ARGS` in `cwd`: exit code, stdout as bytes, stderr. */
function cli(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  return new Promise(resolve => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    child.on('close', code => resolve({ code: code ?? 99, stdout: Buffer.concat(out), stderr: err }));
  });
}

/**
 * Runs a printed command with bash as a saved script runs (a long command never passes through an argument list): in
 * `cwd`, nothing on standard input, no ~/.curlrc.
 */
function runWithBash(command: string, cwd: string): Promise<{ code: number; stderr: string }> {
  const script = path.join(cwd, 'command.sh');
  fs.writeFileSync(script, `${command.trimEnd()} --silent --show-error --noproxy '*'\n`);
  return new Promise(resolve => {
    const child = spawn('bash', [script], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: cwd },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    child.on('close', code => resolve({ code: code ?? 99, stderr: err }));
  });
}

describe('render --format curl: every value reaches the real curl literally (issue 15 C)', function () {
  this.timeout(120_000);
  const SECRET = 'CONTENT-OF-A-LOCAL-FILE';
  let dir: string;
  let server: TestServer;
  before(async function () {
    if (!hasCurl()) throw new Error('curl is missing: apt-get install -y curl (scripts/real-host/apt-deps.sh)');
    if (!fs.existsSync(CLI_BUNDLE)) throw new Error('build first: node scripts/build.mjs');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-curl-'));
    fs.writeFileSync(path.join(dir, 'secret.txt'), SECRET);
    server = await startServer((_req, res) => res.end('ok'));
  });
  after(async () => {
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A macro whose text body is exactly the sample's V (a value at the start is where curl looks for @). */
  const writeMacro = (value: string, request: object = {}) => {
    fs.writeFileSync(path.join(dir, 'sample.json'), JSON.stringify({ V: value }));
    fs.writeFileSync(
      path.join(dir, 'm.ccmacro.json'),
      JSON.stringify({
        name: 'curl',
        samples: ['sample.json'],
        request: { method: 'POST', url: `${server.url}/in`, bodyFormat: 'text', body: '((V))', ...request },
      }),
    );
  };

  const hostile = () => [
    '@secret.txt',
    `@${path.join(dir, 'secret.txt')}`,
    '@-',
    '-',
    '<secret.txt',
    `'single' "double" \`id\` $(id) $HOME \\ !! %s`,
    'line one\nline two\r\n\n',
    '\ttab \x1b[31mred\x1b[0m \u202eevil\u2066 é ✓',
    '',
  ];

  it('sends the bytes of render --format body for @file, -, <file, quotes and newlines', async () => {
    for (const value of hostile()) {
      writeMacro(value);
      const body = await cli(['render', 'm.ccmacro.json', '--format', 'body'], dir);
      assert.equal(body.code, 0, body.stderr);
      const command = await cli(['render', 'm.ccmacro.json', '--format', 'curl'], dir);
      assert.equal(command.code, 0, command.stderr);
      const before = server.seen.length;
      const ran = await runWithBash(command.stdout.toString('utf8'), dir);
      assert.equal(ran.code, 0, `${JSON.stringify(value)}: ${ran.stderr}\n${command.stdout.toString('utf8')}`);
      assert.equal(server.seen.length, before + 1, JSON.stringify(value));
      const got = server.seen[before].bytes;
      assert.ok(
        got.equals(body.stdout),
        `${JSON.stringify(value)}: curl sent ${JSON.stringify(got.toString('utf8'))}, render --format body is ${JSON.stringify(body.stdout.toString('utf8'))}`,
      );
      assert.ok(!got.includes(SECRET), 'no local file was read');
    }
  });

  it('sends a body too long for one command-line argument exactly (standard input)', async () => {
    const value = '@secret.txt\n' + hostile().join('|').repeat(2000);
    writeMacro(value);
    const body = await cli(['render', 'm.ccmacro.json', '--format', 'body'], dir);
    assert.ok(body.stdout.length > 200_000);
    const command = await cli(['render', 'm.ccmacro.json', '--format', 'curl'], dir);
    assert.equal(command.code, 0, command.stderr);
    const before = server.seen.length;
    const ran = await runWithBash(command.stdout.toString('utf8'), dir);
    assert.equal(ran.code, 0, ran.stderr);
    assert.ok(server.seen[before].bytes.equals(body.stdout), 'the long body is exact');
  });

  it('refuses, located, a URL or a header value too long for one command-line argument (review 15: 15)', async () => {
    const long = 'a'.repeat(140 * 1024);
    for (const [request, says] of [
      [
        { url: `${server.url}/in?q=((V))` },
        /^m\.ccmacro\.json:1:\d+: error: The URL is 143,\d{3} bytes long, .*Argument list too long.*\[render\/curl-refused\]$/m,
      ],
      [
        { headers: { 'X-Long': '((V))' } },
        /^m\.ccmacro\.json:1:\d+: error: The header X-Long is 143,\d{3} bytes long, .*\[render\/curl-refused\]$/m,
      ],
    ] as const) {
      writeMacro(long, request);
      const command = await cli(['render', 'm.ccmacro.json', '--format', 'curl'], dir);
      assert.equal(command.code, 1, command.stderr);
      assert.equal(command.stdout.length, 0, 'no command that the shell would refuse');
      assert.match(command.stderr, says);
    }
  });

  it('${env:NAME}: the command says so on its first line, naming the variable and the host (review 15: 11)', async () => {
    writeMacro('x', { url: `${server.url}/in?k=\${env:CCMACRO_TEST_ENV}`, headers: { 'X-T': '${env:OTHER_VAR}' } });
    const command = await cli(['render', 'm.ccmacro.json', '--format', 'curl'], dir);
    assert.equal(command.code, 0, command.stderr);
    const [first, second] = command.stdout.toString('utf8').split('\n');
    assert.equal(
      first,
      `# Reads the environment variables $CCMACRO_TEST_ENV, $OTHER_VAR (\${env:…} in the macro) and sends their values to ${new URL(server.url).host}: check before you run it.`,
    );
    assert.match(second, /^curl /);
    // validate warns at each one: the value leaves to the macro's host.
    const v = await cli(['validate', 'm.ccmacro.json'], dir);
    assert.match(
      v.stdout.toString('utf8'),
      /^m\.ccmacro\.json:1:\d+: warning: \$\{env:CCMACRO_TEST_ENV\} sends the value of the environment variable CCMACRO_TEST_ENV .*\[placeholder\/env\]$/m,
    );
  });

  it('a send refuses a URL value with a space or # (it was cut); curl refuses the space too (review 15: 11)', async () => {
    writeMacro('x', { url: `${server.url}/in?k=\${env:CCMACRO_TEST_ENV}` });
    for (const value of ['a b', 'a#b']) {
      const before = server.seen.length;
      const send = await cli(['send', 'm.ccmacro.json'], dir, { CCMACRO_TEST_ENV: value, NO_PROXY: '*' });
      assert.equal(send.code, 1, send.stderr);
      assert.match(send.stderr, /cannot go in a URL as it is; set it again percent-encoded .*\[render\/unusable-env\]/);
      // curl refuses a space in a URL too (exit 3); a # ends any URL, so curl sends what comes before it.
      if (value.includes('#')) continue;
      const command = await cli(['render', 'm.ccmacro.json', '--format', 'curl'], dir);
      const script = path.join(dir, 'env.sh');
      fs.writeFileSync(script, `${command.stdout.toString('utf8').trimEnd()} --silent --noproxy '*'\n`);
      const ran = execFileSync('bash', ['-c', `bash ${script}; echo "exit $?"`], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', CCMACRO_TEST_ENV: value },
        encoding: 'utf8',
      });
      assert.doesNotMatch(ran, /exit 0/, `curl refuses it too: ${ran}`);
      assert.equal(server.seen.length, before, 'nothing was sent by either');
    }
  });

  it('refuses, with a located message, what a command cannot carry literally: NUL, a method, URL or header name curl would read otherwise', async () => {
    const cases: Array<{ value: string; request?: object; says: RegExp }> = [
      { value: 'a\u0000b', says: /m\.ccmacro\.json:1:\d+: error: .*NUL.*\(V\)/ },
      { value: 'x', request: { method: '$(TOUCH PWNED)' }, says: /m\.ccmacro\.json:1:\d+: error: .*method/ },
      { value: 'x', request: { url: '@secret.txt' }, says: /m\.ccmacro\.json:1:\d+: error: .*https?:\/\// },
      {
        value: 'x',
        request: { headers: { '@secret.txt': 'v' } },
        says: /m\.ccmacro\.json:1:\d+: error: .*header name/,
      },
    ];
    for (const c of cases) {
      writeMacro(c.value, c.request);
      const command = await cli(['render', 'm.ccmacro.json', '--format', 'curl'], dir);
      assert.equal(command.code, 1, `${JSON.stringify(c)}: ${command.stdout.toString('utf8')}`);
      assert.equal(command.stdout.length, 0, 'no command is printed');
      assert.match(command.stderr, c.says);
      assert.ok(!fs.existsSync(path.join(dir, 'PWNED')));
    }
  });
});
