import * as assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, TLS_DIR, startServer, startTlsServer, type TestServer } from './servers';

const CLI = path.join(ROOT, 'bin', 'ccmacro.js');

/** No raw control character (other than newline and tab) and no bidi or line-separator character. */
function assertNoControls(text: string, where: string): void {
  const raw = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/.exec(text);
  assert.equal(
    raw,
    null,
    `${where} printed U+${raw?.[0].charCodeAt(0).toString(16).padStart(4, '0')}:\n${JSON.stringify(text)}`,
  );
}

function run(
  args: string[],
  env: Record<string, string> = {},
  cwd = ROOT,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    // A clean environment: no proxy or secrets leaking in from the machine running the tests.
    const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd, env: { ...base, ...env }, timeout: 30_000 },
      (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 99) : 0, stdout, stderr });
      },
    );
  });
}

describe('ccmacro send / receive (processes)', function () {
  this.timeout(60_000);
  let dir: string;
  let server: TestServer | undefined;
  const write = (name: string, macro: object) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify(macro, null, 2));
    return file;
  };
  const simple = (url: string, extra: object = {}) => ({
    name: 'CLI test',
    request: { method: 'POST', url, headers: { 'Content-Type': 'application/json' }, body: { text: 'Bug ((Title))' } },
    ...extra,
  });

  before(() => {
    if (!fs.existsSync(path.join(ROOT, 'dist', 'cli.js'))) throw new Error('build first: node scripts/build.mjs');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-send-'));
    fs.writeFileSync(path.join(dir, 'sample.json'), JSON.stringify([{ Title: 'first' }, { Title: 'second' }]));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  afterEach(async () => server?.close());

  it('exits 0 on 2xx and prints the exchange log', async () => {
    server = await startServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"key":"ABC-7"}'),
    );
    const file = write(
      'ok.ccmacro.json',
      simple(`${server.url}/hook`, { returnValues: { key: 'Issue Key', 'data.id': 'Issue ID' } }),
    );
    const r = await run(['send', file, '--sample', path.join(dir, 'sample.json'), '--sample-index', '1']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /── .* UTC ── CLI test/);
    assert.match(r.stdout, new RegExp(`POST ${server.url}/hook`));
    assert.match(r.stdout, /"text": "Bug second"/);
    assert.match(r.stdout, /HTTP\/1\.1 200 OK {3}\(\d+ ms total, first byte after \d+ ms\)/);
    assert.match(r.stdout, /Issue Key = ABC-7 \(from key\)/);
    assert.match(r.stdout, /Issue ID: nothing saved \(from data\.id\) — The response has no "data"/);
    // ... and located on its returnValues entry (a warning: the send itself worked).
    const at =
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .findIndex(l => l.includes('"data.id"')) + 1;
    assert.match(
      r.stderr,
      new RegExp(`ok\\.ccmacro\\.json:${at}:5: warning: The response has no "data".* \\[return/missing\\]`),
    );
    assert.equal(JSON.parse(server.seen[0].body).text, 'Bug second');
  });

  it('--sample is relative to where the command runs, as in ccmacro render', async () => {
    server = await startServer((_req, res) => res.end('ok'));
    // The macro sits in a subfolder, so "sample.json" only resolves against the working folder.
    fs.mkdirSync(path.join(dir, 'macros'), { recursive: true });
    const file = path.join(dir, 'macros', 'rel.ccmacro.json');
    fs.writeFileSync(file, JSON.stringify(simple(`${server.url}/rel`)));
    const r = await run(['send', file, '--sample', 'sample.json', '--sample-index', '1'], {}, dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(server.seen[0].body).text, 'Bug second');
    const missing = await run(['send', file, '--sample', 'nope.json'], {}, dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read sample nope\.json: no such file/);
  });

  it('--url replaces the macro URL, so no secret is needed; secrets from the environment are masked', async () => {
    server = await startServer((_req, res) => res.end('ok'));
    const file = write('secret.ccmacro.json', {
      name: 'Secret one',
      request: {
        method: 'POST',
        url: '${secret:SLACK_WEBHOOK_URL}',
        headers: { Authorization: 'Bearer ${secret:API_TOKEN}', 'X-Env': '${env:TEAM_ID}' },
        body: { text: '((Title))' },
      },
    });
    const r = await run(['send', file, '--sample', path.join(dir, 'sample.json'), '--url', `${server.url}/via-url`], {
      CCMACRO_SECRET_API_TOKEN: 'tok-SECRET-123456',
      TEAM_ID: 'team-ENV-98765',
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(server.seen[0].url, '/via-url');
    assert.equal(server.seen[0].headers.authorization, 'Bearer tok-SECRET-123456');
    assert.equal(server.seen[0].headers['x-env'], 'team-ENV-98765');
    assert.ok(!r.stdout.includes('tok-SECRET-123456') && !r.stdout.includes('team-ENV-98765'), r.stdout);
    assert.match(r.stdout, /Authorization: Bearer ••••/);
    assert.match(r.stdout, /X-Env: ••••/);
  });

  it('exits 1 with a clear line when a secret is not set, and sends nothing', async () => {
    server = await startServer((_req, res) => res.end('ok'));
    const file = write('missing.ccmacro.json', {
      name: 'm',
      request: {
        method: 'POST',
        url: `${server.url}/x`,
        headers: { Authorization: 'Bearer ${secret:API_TOKEN}' },
        body: { text: 'x' },
      },
    });
    const r = await run(['send', file]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /CCMACRO_SECRET_API_TOKEN/);
    assert.match(
      r.stderr,
      /^.*missing\.ccmacro\.json:\d+:\d+: error: \$\{secret:API_TOKEN\} is not set.*\[render\/unset-secret\]$/m,
      'located like every other problem',
    );
    assert.equal(server.seen.length, 0);
  });

  it('exits 1 on a non-2xx status and explains it', async () => {
    server = await startServer((_req, res) => res.writeHead(400).end('no_text'));
    const file = write('slack.ccmacro.json', simple(`${server.url}/slack`));
    const r = await run(['send', file, '--sample', path.join(dir, 'sample.json')]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /HTTP\/1\.1 400 Bad Request/);
    assert.match(r.stdout, /ⓘ Slack says "no_text"/);
  });

  it('exits 1 on a network failure with one sentence', async () => {
    const dead = await startServer((_q, res) => res.end());
    await dead.close();
    const file = write('dead.ccmacro.json', simple(`${dead.url}/x`));
    const r = await run(['send', file, '--sample', path.join(dir, 'sample.json')]);
    assert.equal(r.code, 1);
    assert.match(
      r.stdout,
      new RegExp(`✗ Connection refused by 127\\.0\\.0\\.1:${dead.port}: nothing is listening there`),
    );
  });

  it('honours --timeout, --ca and HTTPS_PROXY/NO_PROXY', async () => {
    server = await startTlsServer((_req, res) => setTimeout(() => res.end('slow but secure'), 50));
    const file = write('tls.ccmacro.json', simple(server.url));
    const sample = path.join(dir, 'sample.json');
    const untrusted = await run(['send', file, '--sample', sample]);
    assert.equal(untrusted.code, 1);
    assert.match(untrusted.stdout, /TLS certificate for 127\.0\.0\.1 not trusted \(self-signed certificate\)/);
    const trusted = await run(['send', file, '--sample', sample, '--ca', path.join(TLS_DIR, 'cert.pem')]);
    assert.equal(trusted.code, 0, trusted.stdout + trusted.stderr);
    const slow = await run([
      'send',
      file,
      '--sample',
      sample,
      '--ca',
      path.join(TLS_DIR, 'cert.pem'),
      '--timeout',
      '10',
    ]);
    assert.equal(slow.code, 1);
    assert.match(slow.stdout, /Timed out after 10 ms/);
    // A dead proxy is used unless NO_PROXY exempts the host.
    const viaDeadProxy = await run(['send', file, '--sample', sample, '--ca', path.join(TLS_DIR, 'cert.pem')], {
      HTTPS_PROXY: 'http://127.0.0.1:9',
    });
    assert.equal(viaDeadProxy.code, 1);
    assert.match(viaDeadProxy.stdout, /proxy 127\.0\.0\.1:9/);
    const exempt = await run(['send', file, '--sample', sample, '--ca', path.join(TLS_DIR, 'cert.pem')], {
      HTTPS_PROXY: 'http://127.0.0.1:9',
      NO_PROXY: '127.0.0.1',
    });
    assert.equal(exempt.code, 0, exempt.stdout);
  });

  it('exits 1 on render errors and 2 on usage errors', async () => {
    const file = write('render.ccmacro.json', simple('http://127.0.0.1:9/x'));
    const missingTag = await run(['send', file, '--sample', path.join(dir, 'sample.json'), '--sample-index', '5']);
    assert.equal(missingTag.code, 1);
    assert.match(missingTag.stderr, /numbered from 0 to 1; there is no item 5/);
    assert.equal((await run(['send'])).code, 2);
    assert.equal((await run(['send', path.join(dir, 'nope.ccmacro.json')])).code, 2);
    assert.equal((await run(['send', file, '--timeout', 'soon'])).code, 2);
    assert.equal((await run(['send', file, '--url', 'ftp://x'])).code, 2);
    assert.equal((await run(['send', file, '--bogus'])).code, 2);
    assert.equal((await run(['receive', '--port', 'abc'])).code, 2);
  });

  it('--follow-redirects logs every hop: method, URL, masked headers, the body once, status and Location of each (issue 15 G1)', async () => {
    const other = await startServer((_req, res) => res.end('landed'));
    // POST /start → 307 (method and body kept) → /again on the same origin → 302 (a POST becomes a GET) → other origin.
    server = await startServer((req, res) =>
      req.url?.startsWith('/start')
        ? res.writeHead(307, { location: '/again' }).end()
        : res.writeHead(302, { location: `${other.url}/landed?via=302` }).end(),
    );
    try {
      const file = write('hops.ccmacro.json', {
        name: 'Hops',
        request: {
          method: 'POST',
          url: `${server.url}/start?key=\${secret:QK}`,
          headers: { 'X-Api-Key': '${secret:APIKEY}', 'X-Plain': 'kept' },
          body: { text: 'Bug ((Title))' },
        },
      });
      const r = await run(['send', file, '--sample', path.join(dir, 'sample.json'), '--follow-redirects'], {
        CCMACRO_SECRET_APIKEY: 'apikey-SECRET-31337',
        CCMACRO_SECRET_QK: 'query-SECRET-2718',
      });
      assert.equal(r.code, 0, r.stderr + r.stdout);
      assert.deepEqual(
        [...server.seen.map(x => `${x.method} ${x.url}`), ...other.seen.map(x => `${x.method} ${x.url}`)],
        ['POST /start?key=query-SECRET-2718', 'POST /again', 'GET /landed?via=302'],
      );
      const expected = [
        `POST ${server.url}/start?key=••••`,
        'X-Api-Key: ••••',
        'X-Plain: kept',
        'Content-Type: application/json; charset=utf-8',
        '',
        '{',
        '  "text": "Bug first"',
        '}',
        '',
        '↪ 307 redirect to /again (followed)',
        '',
        `POST ${server.url}/again`,
        'X-Api-Key: ••••',
        'X-Plain: kept',
        'Content-Type: application/json; charset=utf-8',
        '',
        '(the same body as above, 25 bytes)',
        '',
        `↪ 302 redirect to ${other.url}/landed?via=302 (followed)`,
        '',
        `GET ${other.url}/landed?via=302`,
        'X-Plain: kept',
        '',
        'HTTP/1.1 200 OK',
      ].join('\n');
      const shown = r.stdout.replace(/^(HTTP\/1\.1 200 OK).*$/m, '$1');
      assert.ok(shown.includes(expected), `every hop in order:\n${r.stdout}`);
      assert.ok(!r.stdout.includes('SECRET'), r.stdout);
    } finally {
      await other.close();
    }
  });

  it('--follow-redirects: another origin gets no header filled from ${secret:}/${env:}, nor a credential header', async () => {
    const other = await startServer((_req, res) => res.end('landed'));
    server = await startServer((_req, res) => res.writeHead(307, { location: `${other.url}/landing` }).end());
    try {
      const file = write('redirect.ccmacro.json', {
        name: 'Redirected',
        request: {
          method: 'POST',
          url: `${server.url}/start`,
          headers: { 'X-Api-Key': '${secret:APIKEY}', 'X-Team': '${env:TEAM}', 'X-Plain': 'kept' },
          body: { text: '((Title))' },
        },
      });
      const r = await run(['send', file, '--sample', path.join(dir, 'sample.json'), '--follow-redirects'], {
        CCMACRO_SECRET_APIKEY: 'apikey-SECRET-31337',
        TEAM: 'team-ENV-4711',
      });
      assert.equal(r.code, 0, r.stderr + r.stdout);
      assert.equal(server.seen[0].headers['x-api-key'], 'apikey-SECRET-31337');
      assert.equal(other.seen.length, 1);
      assert.equal(other.seen[0].headers['x-api-key'], undefined, 'the key went to another origin');
      assert.equal(other.seen[0].headers['x-team'], undefined);
      assert.equal(other.seen[0].headers['x-plain'], 'kept');
      assert.ok(!r.stdout.includes('apikey-SECRET-31337') && !r.stdout.includes('team-ENV-4711'), r.stdout);
    } finally {
      await other.close();
    }
  });

  it('prints a secret under 8 characters masked where the request carries it, as render --format request does', async () => {
    server = await startServer((req, res) => res.end(`you sent ${req.headers['x-k']} to ${req.url}`));
    const file = write('short.ccmacro.json', {
      name: 'Short',
      request: {
        method: 'POST',
        url: `${server.url}/h/\${secret:K}`,
        headers: { 'X-K': '${secret:K}' },
        body: { text: '((Title))' },
      },
    });
    const env = { CCMACRO_SECRET_K: 'Zq' };
    const sent = await run(['send', file, '--sample', path.join(dir, 'sample.json')], env);
    assert.equal(sent.code, 0, sent.stderr);
    assert.equal(server.seen[0].headers['x-k'], 'Zq');
    const rendered = await run(['render', file, '--sample', path.join(dir, 'sample.json'), '--format', 'request'], env);
    assert.match(rendered.stdout, /^POST http:\/\/127\.0\.0\.1:\d+\/h\/••••$/m);
    assert.match(rendered.stdout, /^X-K: ••••$/m);
    assert.match(sent.stdout, /^POST http:\/\/127\.0\.0\.1:\d+\/h\/••••$/m);
    assert.match(sent.stdout, /^X-K: ••••$/m);
    // Under 8 characters a value is masked where the request carries it, not searched for in the answer.
    assert.match(sent.stdout, /^you sent Zq to \/h\/Zq$/m);
    assert.match(sent.stdout, /shorter than 8 characters: hidden in the URL and headers/);
  });

  it('shows control characters from a response visibly; render --format body stays byte-exact', async () => {
    const evil = 'a\x1b]52;c;ZXZpbA==\x07b\x1b]8;;http://x\x07c\x1b[2Jd\r\x1b[Ke\x9bf\u202eg\0';
    // A raw server: Node's own refuses to write ESC in a reason phrase, but a server on the network may.
    const raw = net.createServer(sock =>
      sock.once('data', () => {
        const bytes = Buffer.from(evil, 'utf8');
        // Header bytes are read as Latin-1: the byte 0x9b arrives as U+009B, a one-character CSI.
        sock.write(
          Buffer.from(
            `HTTP/1.1 200 OK\x1b[2J\r\nContent-Type: text/plain\r\nX-Evil: v\x9b1m\r\nContent-Length: ${bytes.length}\r\n\r\n`,
            'latin1',
          ),
        );
        sock.end(bytes);
      }),
    );
    await new Promise<void>(resolve => raw.listen(0, '127.0.0.1', resolve));
    try {
      const rawUrl = `http://127.0.0.1:${(raw.address() as net.AddressInfo).port}`;
      const file = write('evil.ccmacro.json', {
        name: 'Evil \x1b[31mred',
        request: { method: 'POST', url: `${rawUrl}/e`, bodyFormat: 'text', body: 'x((Title))\x1b[0m' },
      });
      const sampleFile = path.join(dir, 'evil.sample.json');
      fs.writeFileSync(sampleFile, JSON.stringify([{ Title: 'T\x1b]0;title\x07' }]));
      const r = await run(['send', file, '--sample', sampleFile]);
      assert.equal(r.code, 0, r.stderr);
      assertNoControls(r.stdout, 'ccmacro send');
      assert.ok(r.stdout.includes('a\\x1b]52;c;ZXZpbA==\\x07b'), r.stdout);
      assert.ok(r.stdout.includes('d\\r\\x1b[Ke\\x9bf\\u202eg\\x00'), r.stdout);
      assert.ok(r.stdout.includes('── Evil \\x1b[31mred'), r.stdout);
      assert.match(r.stdout, /^HTTP\/1\.1 200 OK\\x1b\[2J /m);
      assert.match(r.stdout, /^x-evil: v\\x9b1m$/m);
      const request = await run(['render', file, '--sample', sampleFile, '--format', 'request']);
      assertNoControls(request.stdout, 'render --format request');
      const body = await run(['render', file, '--sample', sampleFile, '--format', 'body']);
      assert.equal(body.stdout, 'xT\x1b]0;title\x07\x1b[0m', 'the body is exact');
      const usage = await run(['send', file, '--url', 'ftp://x\x1b[2J\x9b']);
      assert.equal(usage.code, 2);
      assert.match(usage.stderr, /--url must be an http/);
      assertNoControls(usage.stderr, 'an error line');
    } finally {
      raw.close();
    }
  });

  /** `ccmacro receive ARGS` as a process: its URL once it listens, everything it printed so far, and its exit code. */
  async function receiving(args: string[]) {
    const child = spawn(process.execPath, [CLI, 'receive', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    const exited = new Promise<number | null>(resolve => child.on('exit', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', c => {
        out += c;
        const m = /Listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1]);
      });
      child.on('exit', code => reject(new Error(`exited ${code}: ${out}`)));
    });
    return { url, out: () => out, exited, child };
  }

  /** Polls `probe` until it gives a value (at most 10 s). */
  async function waitUntil<T>(probe: () => T | undefined | false, what: string): Promise<T> {
    for (let i = 0; i < 200; i++) {
      const v = probe();
      if (v) return v;
      await new Promise(r => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting: ${what}`);
  }

  it('ccmacro receive prints each request, checks Slack paths, and stops after --count', async () => {
    const { url, out: printed, exited } = await receiving(['--count', '2']);
    const bad = await fetch(`${url}/slack/x`, { method: 'POST', body: '{"username":"x"}' });
    assert.equal(bad.status, 400);
    assert.equal(await bad.text(), 'no_text');
    const good = await fetch(`${url}/plain`, { method: 'POST', body: '{"a":1}' });
    assert.equal(await good.text(), 'ok');
    assert.equal(await exited, 0);
    const out = printed();
    assert.match(out, /POST \/slack\/x → answered 400 no_text/);
    assert.match(out, /POST \/plain → answered 200 ok\n[\s\S]*\{\n {2}"a": 1\n\}/);
    assert.match(out, /Receiver stopped after 2 requests\./);
  });

  it('ccmacro receive --count 205 says it stopped after 205 requests (it keeps only the last 200)', async () => {
    const { url, out: printed, exited } = await receiving(['--count', '205']);
    for (let i = 0; i < 205; i++) await (await fetch(`${url}/n${i}`, { method: 'POST', body: 'x' })).text();
    assert.equal(await exited, 0);
    const out = printed();
    assert.equal(out.match(/→ answered 200 ok/g)?.length, 205);
    assert.match(out.slice(-100), /Receiver stopped after 205 requests\.\n$/);
  });

  it('ccmacro receive --timeout stops after that many seconds; with --count N, fewer than N is exit code 1', async () => {
    const alone = await receiving(['--timeout', '1']);
    assert.equal(await alone.exited, 0);
    assert.match(alone.out(), /; stopping after 1 s\n/);
    assert.match(alone.out(), /Receiver stopped after 0 requests \(--timeout 1 s\)\.\n$/);
    const short = await receiving(['--count', '2', '--timeout', '2']);
    assert.match(short.out(), /; stopping after 2 requests or after 2 s\n/);
    await (await fetch(`${short.url}/one`, { method: 'POST', body: 'x' })).text();
    assert.equal(await short.exited, 1, short.out());
    assert.match(short.out(), /Receiver stopped after 1 request \(--timeout 2 s\)\.\n$/);
    for (const bad of ['0', 'x', '2147484'])
      assert.equal((await run(['receive', '--timeout', bad])).code, 2, `--timeout ${bad}`);
  });

  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const)
    it(`ccmacro receive stops on ${signal} and stops listening`, async () => {
      const r = await receiving([]);
      r.child.kill(signal); // it has said it listens: its signal handlers are set
      assert.equal(await r.exited, 0);
      assert.match(r.out(), /Receiver stopped after 0 requests\.\n$/);
      await assert.rejects(fetch(`${r.url}/after`, { method: 'POST', body: 'x' }));
    });

  it('ccmacro receive started by npm (sh -c under it) stops when its launcher is killed, as `kill $!` after `npx … &` does', async () => {
    // npm runs a bin as `sh -c 'ccmacro receive'` with npm_command set; here the shell is the launcher that goes away.
    // `; :` keeps sh from exec-ing node, so node's parent is the shell, as under npm.
    const sh = spawn('sh', ['-c', `"${process.execPath}" "${CLI}" receive; :`], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, npm_command: 'exec' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    sh.stdout.setEncoding('utf8');
    sh.stdout.on('data', c => (out += c));
    const url = await waitUntil(() => /Listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1], 'it listens');
    sh.kill('SIGKILL'); // the launcher dies without passing anything on
    await waitUntil(() => /Receiver stopped after 0 requests \(npm, which started it, is gone\)\./.test(out), out);
    await assert.rejects(fetch(`${url}/after`, { method: 'POST', body: 'x' }));
  });

  it('ccmacro receive shows ESC sequences, C1 and CR from a request visibly', async () => {
    const child = spawn(process.execPath, [CLI, 'receive', '--count', '1'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    const url = await new Promise<URL>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        chunks.push(c);
        const m = /Listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(Buffer.concat(chunks).toString('utf8'));
        if (m) resolve(new URL(m[1]));
      });
      child.on('exit', code => reject(new Error(`exited ${code}`)));
    });
    // Raw bytes: a C1 CSI (0x9b) in a header value, and terminal escapes in the body.
    const body = Buffer.from(
      'x\x1b]52;c;ZXZpbA==\x07 \x1b]8;;http://evil\x07link\x1b]8;;\x07 \x1b[2J\r\x1b[Kforged',
      'utf8',
    );
    const head = Buffer.concat([
      Buffer.from('POST /hook HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nX-Evil: a'),
      Buffer.from([0x9b]),
      Buffer.from(`2Jb\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`),
    ]);
    await new Promise<void>((resolve, reject) => {
      const socket = net.connect(Number(url.port), url.hostname, () => socket.end(Buffer.concat([head, body])));
      socket.on('data', () => undefined);
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    const code = await new Promise<number | null>(resolve => child.on('exit', resolve));
    assert.equal(code, 0);
    const out = Buffer.concat(chunks).toString('utf8');
    assertNoControls(out, 'ccmacro receive');
    assert.match(out, /X-Evil: a\\x9b2Jb/);
    assert.ok(out.includes('x\\x1b]52;c;ZXZpbA==\\x07 \\x1b]8;;http://evil\\x07link'), out);
    assert.ok(out.includes('\\x1b[2J\\r\\x1b[Kforged'), out);
  });
});
