import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseMacro } from '../../../src/core/macro/parse';
import { BUILTIN_SAMPLES } from '../../../src/core/samples/builtin';
import { EnvSecretResolver, maskPlaceholders, resolvePlaceholders } from '../../../src/core/secrets/resolve';
import { renderMacro } from '../../../src/core/targets/render';
import { toCurl } from '../../../src/core/send/curl';
import { type RenderedRequest } from '../../../src/core/render/types';

/** The command toCurl prints (the test fails when it refuses). */
function curlText(request: RenderedRequest): string {
  const cmd = toCurl(request);
  assert.ok(cmd.ok, cmd.ok ? '' : cmd.error.message);
  return cmd.value;
}

const hostile = BUILTIN_SAMPLES.find(s => s.id === 'hostile')!.items[0];

function renderText(request: Record<string, unknown>): RenderedRequest {
  const r = renderMacro(parseMacro(JSON.stringify({ name: 't', request })), { sample: hostile, allowMissing: true });
  assert.ok(r.request, JSON.stringify(r.problems));
  return r.request;
}

describe('placeholders and secrets', () => {
  const req = () =>
    renderText({
      method: 'POST',
      url: 'http://127.0.0.1:1/${secret:PATH}?t=((Title))',
      headers: { Authorization: 'Bearer ${env:TOKEN}', 'X-Type': '((Feedback Type))' },
      body: { d: '((Description))' },
    });

  it('resolves ${secret:NAME} from CCMACRO_SECRET_NAME and ${env:NAME} from NAME, and collects the values', async () => {
    const out = await resolvePlaceholders(
      req(),
      new EnvSecretResolver({ CCMACRO_SECRET_PATH: 'p/a/t/h', TOKEN: 'tok123' }),
    );
    assert.deepEqual(out.missing, []);
    assert.match(out.request.url, /^http:\/\/127\.0\.0\.1:1\/p\/a\/t\/h\?t=/);
    assert.equal(out.request.headers[0].value, 'Bearer tok123');
    assert.deepEqual(out.secretValues.sort(), ['p/a/t/h', 'tok123']);
    assert.equal(out.request.placeholders, undefined);
  });

  it('names the variable to set when one is unset (names are case-sensitive, exactly as written)', async () => {
    const out = await resolvePlaceholders(req(), new EnvSecretResolver({ CCMACRO_SECRET_path: 'x' }));
    assert.deepEqual(
      out.missing.map(m => m.hint),
      [
        '${secret:PATH} is not set: set the environment variable CCMACRO_SECRET_PATH',
        '${env:TOKEN} is not set: set the environment variable TOKEN',
      ],
    );
  });

  it('never resolves a placeholder that came from a sample value', async () => {
    const r = renderMacro(
      parseMacro(
        JSON.stringify({ name: 't', request: { method: 'GET', url: 'https://x.test', headers: { 'X-A': '((A))' } } }),
      ),
      { sample: { A: '${secret:PATH} ${env:HOME}' } },
    );
    const out = await resolvePlaceholders(
      r.request!,
      new EnvSecretResolver({ CCMACRO_SECRET_PATH: 'leak', HOME: '/root' }),
    );
    assert.equal(out.request.headers[0].value, '${secret:PATH} ${env:HOME}');
    assert.deepEqual(out.secretValues, []);
  });

  it('refuses a secret with a line break in a header', async () => {
    const out = await resolvePlaceholders(
      req(),
      new EnvSecretResolver({ CCMACRO_SECRET_PATH: 'x', TOKEN: 'a\r\nX-Evil: 1' }),
    );
    assert.equal(out.missing.length, 1);
    assert.equal(out.missing[0].reason, 'unusable');
    assert.match(out.missing[0].hint, /TOKEN is set, but holds a line break/);
  });

  it('masks placeholders as •••• for previews', () => {
    const m = maskPlaceholders(req());
    assert.match(m.url, /^http:\/\/127\.0\.0\.1:1\/••••\?t=/);
    assert.equal(m.headers[0].value, 'Bearer ••••');
  });
});

describe('toCurl', () => {
  let server: http.Server;
  let port = 0;
  let last: { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: Buffer } | undefined;
  before(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', c => chunks.push(c));
      req.on('end', () => {
        last = { method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks) };
        res.end('ok');
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => server.close());

  const run = (cmd: string, env: Record<string, string>) =>
    new Promise<string>((resolve, reject) =>
      // bash: a value with control characters is quoted $'…' (bash, zsh), and the hostile sample has some.
      execFile(
        'bash',
        ['-c', cmd + ' --silent --show-error --noproxy "*"'],
        { env: { PATH: process.env.PATH, ...env } },
        (err, stdout, stderr) => (err ? reject(new Error(stderr || String(err))) : resolve(stdout)),
      ),
    );

  it('gives a runnable command that sends exactly the rendered request, with secrets as env references only', async () => {
    const request = renderText({
      method: 'PUT',
      url: `http://127.0.0.1:${port}/\${secret:HOOK_PATH}/((Feature))?x=((Title))`,
      headers: { Authorization: 'Bearer ${env:API_TOKEN}', 'X-Project': "((Project Name)) it's" },
      body: { text: "((Title)) ((Description)) it's $HOME `id` $(id)" },
    });
    const cmd = curlText(request);
    assert.ok(cmd.includes('"${CCMACRO_SECRET_HOOK_PATH}"') && cmd.includes('"${API_TOKEN}"'));
    assert.ok(!cmd.includes('s3cr3t') && !cmd.includes('tok-999'));
    assert.equal(await run(cmd.trimEnd(), { CCMACRO_SECRET_HOOK_PATH: 's3cr3t/p', API_TOKEN: 'tok-999' }), 'ok');
    assert.equal(last!.method, 'PUT');
    const resolved = (
      await resolvePlaceholders(
        request,
        new EnvSecretResolver({ CCMACRO_SECRET_HOOK_PATH: 's3cr3t/p', API_TOKEN: 'tok-999' }),
      )
    ).request;
    assert.equal(`http://127.0.0.1:${port}${last!.url}`, resolved.url);
    assert.equal(last!.headers.authorization, 'Bearer tok-999');
    assert.equal(last!.headers['x-project'], Buffer.from(resolved.headers[1].value, 'utf8').toString('latin1'));
    assert.equal(last!.headers['content-type'], 'application/json; charset=utf-8');
    assert.ok(last!.body.equals(Buffer.from(request.body!)), 'body bytes are exact');
  });

  it('refuses a body holding NUL: no shell command can carry it', () => {
    const r = renderMacro(
      parseMacro(
        JSON.stringify({
          name: 't',
          request: { method: 'POST', url: `http://127.0.0.1:${port}/t`, bodyFormat: 'text', body: 'a((V))b' },
        }),
      ),
      { sample: { V: "\u0000%s\\n'" } },
    );
    const cmd = toCurl(r.request!);
    assert.ok(!cmd.ok);
    assert.deepEqual([cmd.error.part, cmd.error.offset], ['body', 1]);
    assert.match(cmd.error.message, /NUL/);
  });
});
