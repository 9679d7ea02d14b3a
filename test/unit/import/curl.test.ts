import { ajvMacroSchema } from '../../../src/cli/schema';
import * as assert from 'node:assert/strict';
import { parse } from 'jsonc-parser';
import { createCcmacroService } from '../../../src/core';
import { parseCurl, type CurlRequest } from '../../../src/core/import/curl';
import { curlToMacro } from '../../../src/core/import/fromCurl';
import { splitShellCommand } from '../../../src/core/import/shellWords';
import { parseMacro } from '../../../src/core/macro/parse';
import { targetFromUrl } from '../../../src/core/targets';
import { renderMacro } from '../../../src/core/targets/render';
import { LineIndex } from '../../../src/core/common/text';
import { formatProblem } from '../../../src/core/common/problem';
import { InMemoryFileSystem } from '../../fakes/fileSystem';

function req(command: string): CurlRequest {
  const r = parseCurl(command);
  assert.ok(r.ok, r.ok ? '' : `${r.error.code}: ${r.error.message}`);
  return r.value;
}
const headers = (r: CurlRequest) => r.headers.map(h => `${h.name}: ${h.value}`);
function refused(command: string): { code: string; token: string; message: string; where: string } {
  const r = parseCurl(command);
  assert.ok(!r.ok, 'refused');
  const p = { code: r.error.code, severity: 'error' as const, message: r.error.message, range: r.error };
  return {
    code: r.error.code,
    token: command.slice(r.error.start, r.error.end),
    message: r.error.message,
    where: formatProblem('cmd.sh', p, new LineIndex(command)),
  };
}
const words = (text: string) => {
  const r = splitShellCommand(text);
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value.words.map(w => w.value);
};

describe('shell words', () => {
  it('bash: single, double and ANSI-C quotes, glued words, escapes and line continuations', () => {
    assert.deepEqual(words(`curl 'a b'"c \\"d\\" \\$x \\n"$'\\t\\x41\\u00e9\\'\\\\' 'I'\\''m' \\\n  next\\ word`), [
      'curl',
      'a bc "d" $x \\n\tAé\'\\',
      "I'm",
      'next word',
    ]);
    // CRLF line ends, as a Windows clipboard gives them, continue a bash line too.
    assert.deepEqual(words('curl \\\r\n  -X POST \\\r\n  https://x.test\r\n'), [
      'curl',
      '-X',
      'POST',
      'https://x.test',
    ]);
    // Bytes from \x escapes are one UTF-8 character (what render --format curl writes for U+2028).
    assert.deepEqual(words(`curl $'a\\xe2\\x80\\xa8b'`), ['curl', 'a\u2028b']);
  });

  it('bash: $NAME and ${NAME} are kept as ${env:NAME}; a comment line is skipped', () => {
    const r = splitShellCommand('# send it\ncurl "$BASE/x?y=${Y}" \'$LITERAL\'');
    assert.ok(r.ok);
    assert.deepEqual(
      r.value.words.map(w => w.value),
      ['curl', '${env:BASE}/x?y=${env:Y}', '$LITERAL'],
    );
    assert.deepEqual(
      r.value.words[1].variables.map(v => v.name),
      ['BASE', 'Y'],
    );
  });

  it('cmd: ^ escapes, ^" quoting with \\^" inside, ^ line continuations, an escaped line break in a value', () => {
    const text =
      'curl ^"https://x.test/a?b=1&c=2^" ^\n  -H ^"sec-ch-ua: ^\\^"Chromium^\\^";v=^\\^"131^\\^"^" ^\n  --data-raw ^"^{^\\^"a^\\^":^\\^"l1^\n\nl2^\\^"^}^"';
    assert.deepEqual(words(text), [
      'curl',
      'https://x.test/a?b=1&c=2',
      '-H',
      'sec-ch-ua: "Chromium";v="131"',
      '--data-raw',
      '{"a":"l1\nl2"}',
    ]);
    assert.deepEqual(words('curl.exe -H "Content-Type:application/json" -d "{\\"a\\":\\"b c\\"}" https://x.test'), [
      'curl.exe',
      '-H',
      'Content-Type:application/json',
      '-d',
      '{"a":"b c"}',
      'https://x.test',
    ]);
  });
});

describe('parseCurl', () => {
  it('reads -X, -H, the data options, --url, -u, -A, -e, -b and infers POST from data', () => {
    const r = req(
      `curl --url https://api.test/v1 -H 'X-Team: QA' -d a=1 --data-raw @x --data-binary 'b=2' -A agent/1 -e https://ref.test -b 'k=v' -u 'me:p:ss'`,
    );
    assert.equal(r.method, 'POST');
    assert.equal(r.url, 'https://api.test/v1');
    assert.equal(r.body, 'a=1&@x&b=2');
    assert.deepEqual(headers(r), [
      'X-Team: QA',
      'User-Agent: agent/1',
      'Referer: https://ref.test',
      'Cookie: k=v',
      `Authorization: Basic ${Buffer.from('me:p:ss').toString('base64')}`,
      'Content-Type: application/x-www-form-urlencoded',
    ]);
  });

  it('--json sets JSON Content-Type and Accept unless the command sets them; -G moves the data to the query', () => {
    const j = req(`curl --json '{"a":1}' --json '{"b":2}' -H 'Accept: text/plain' https://x.test`);
    assert.equal(j.body, '{"a":1}{"b":2}');
    assert.deepEqual(headers(j), ['Accept: text/plain', 'Content-Type: application/json']);
    const g = req(`curl -G -d q=1 --data-urlencode 'name=a b&c' https://x.test/s?x=0`);
    assert.equal(g.method, 'GET');
    assert.equal(g.url, 'https://x.test/s?x=0&q=1&name=a%20b%26c');
    assert.equal(g.body, undefined);
  });

  it('flag bundles and attached values: -sSL, -XPOST, -sXPUT, -HName:value', () => {
    const r = req(`curl -sSL -XPATCH -HX-A:1 -sd x=1 https://x.test`);
    assert.equal(r.method, 'PATCH');
    assert.deepEqual(headers(r).slice(0, 1), ['X-A: 1']);
    assert.equal(r.body, 'x=1');
    assert.match(r.notes.join(' '), /-s, -S are left out: they change how curl runs/);
    assert.match(r.notes.join(' '), /-L is left out: whether redirects are followed/);
  });

  it('names every option it does not map, at its position, and never reads a file', () => {
    for (const [cmd, token, code] of [
      [`curl -F 'file=@a.png' https://x.test`, `-F 'file=@a.png'`, 'import/unsupported-option'],
      [`curl --form 'a=b' https://x.test`, `--form 'a=b'`, 'import/unsupported-option'],
      [`curl --upload-file a.txt https://x.test`, '--upload-file a.txt', 'import/unsupported-option'],
      [`curl -T a.txt https://x.test`, '-T a.txt', 'import/unsupported-option'],
      [`curl -K my.cfg https://x.test`, '-K my.cfg', 'import/unsupported-option'],
      [`curl --config my.cfg https://x.test`, '--config my.cfg', 'import/unsupported-option'],
      [`curl --data @/etc/passwd https://x.test`, '--data @/etc/passwd', 'import/file-option'],
      [`curl --data-binary @body.bin https://x.test`, '--data-binary @body.bin', 'import/file-option'],
      [`curl --json @- https://x.test`, '--json @-', 'import/file-option'],
      [`curl --data-urlencode name@file https://x.test`, '--data-urlencode name@file', 'import/file-option'],
      [`curl -b cookies.txt https://x.test`, '-b cookies.txt', 'import/file-option'],
      [`curl -H @headers.txt https://x.test`, '-H @headers.txt', 'import/file-option'],
      [`curl --frobnicate https://x.test`, '--frobnicate', 'import/unknown-option'],
      [`curl -I https://x.test`, '-I', 'import/unsupported-option'],
    ]) {
      const r = refused(cmd);
      assert.equal(r.code, code, cmd);
      assert.equal(r.token, token, cmd);
      assert.ok(r.message.includes(token.split(' ')[0]), `the message names ${token.split(' ')[0]}: ${r.message}`);
    }
  });

  it('says where a command cannot be parsed: the token, its line and column', () => {
    const cmd = `curl -X POST -H 'Content-Type: application/json' -d '{"a": 1} https://x.test`;
    const r = refused(cmd);
    assert.equal(r.code, 'import/unclosed-quote');
    assert.equal(r.token, "'");
    assert.equal(r.where.split(': error:')[0], `cmd.sh:1:${cmd.indexOf(`'{`) + 1}`);
    assert.match(r.message, /Unclosed ' quote \('\{"a": 1\}/);
    assert.equal(refused(`curl "https://x.test`).code, 'import/unclosed-quote');
    assert.equal(refused(`curl $'abc`).code, 'import/unclosed-quote');
    assert.equal(refused(`curl ^"https://x.test ^\n -H a`).code, 'import/unclosed-quote');
    const two = refused('curl https://x.test\n  -H "A: b"');
    assert.equal(two.code, 'import/two-commands');
    assert.match(two.where, /^cmd\.sh:2:3: /);
  });

  it('refuses what only running the shell could say, and never runs it', () => {
    assert.equal(refused('curl -H "X: $(cat /etc/passwd)" https://x.test').token, '$(');
    assert.equal(refused('curl -H "X: `id`" https://x.test').code, 'import/command-substitution');
    assert.equal(refused('curl "${URL:-https://x.test}"').code, 'import/shell-expansion');
    assert.equal(refused('curl -d "a=$A" https://x.test').code, 'import/shell-variable');
    assert.equal(refused('curl https://x.test; rm -rf /').token, ';');
    assert.equal(refused('curl https://x.test && echo ok').token, '&&');
    assert.equal(refused(`curl -d $'a\\x00b' https://x.test`).code, 'import/nul');
    assert.equal(refused('wget https://x.test').code, 'import/not-curl');
    assert.equal(refused('curl -u me https://x.test').code, 'import/user');
    assert.equal(refused('curl -X HEAD https://x.test').code, 'import/method');
    assert.equal(refused('curl ftp://x.test/a').code, 'import/url');
    assert.equal(refused('curl -X POST').code, 'import/no-url');
  });

  it('leaves out what only concerns curl (a pipe, an output redirection, --compressed), with a note', () => {
    const r = req('$ curl https://x.test/a --compressed -o out.json 2>/dev/null | jq .id');
    assert.equal(r.url, 'https://x.test/a');
    const notes = r.notes.join('\n');
    assert.match(notes, /after "\|" \(jq \.id\)/);
    assert.match(notes, /"2>\/dev\/null"/);
    assert.match(notes, /--compressed is left out/);
    assert.match(notes, /-o is left out/);
  });
});

describe('curlToMacro', () => {
  const validate = async (text: string) =>
    (
      await createCcmacroService({ fs: new InMemoryFileSystem(), macroSchema: ajvMacroSchema() }).validate({
        path: '/ws/m.ccmacro.json',
        text,
      })
    ).problems
      .filter(p => p.severity !== 'info')
      .map(p => `${p.code}: ${p.message}`);

  it('moves credentials to ${secret:} placeholders named after the service: header, -u, query token, cookie, API key', async () => {
    const r = curlToMacro(
      `curl 'https://api.acme.co.uk/v1/items?api_key=abcdef123456&page=2' -H 'X-API-Key: k-1234567890ab' -H 'Authorization: token ghp_abcdefghijklmnopqrstuvwxyz0123' -b 'session=s3cr3t' -H 'Accept: application/json'`,
    );
    assert.ok(r.ok);
    const m = r.value;
    const request = parse(m.text).request;
    assert.equal(request.url, 'https://api.acme.co.uk/v1/items?api_key=${secret:ACME_API_KEY}&page=2');
    assert.deepEqual(request.headers, {
      'X-API-Key': '${secret:ACME_API_KEY_2}',
      Authorization: 'token ${secret:ACME_API_TOKEN}',
      Accept: 'application/json',
      Cookie: '${secret:ACME_COOKIE}',
    });
    assert.deepEqual(
      m.secrets.map(s => [s.name, s.value]),
      [
        ['ACME_API_KEY', 'abcdef123456'],
        ['ACME_API_KEY_2', 'k-1234567890ab'],
        ['ACME_API_TOKEN', 'ghp_abcdefghijklmnopqrstuvwxyz0123'],
        ['ACME_COOKIE', 'session=s3cr3t'],
      ],
    );
    for (const s of m.secrets) assert.ok(!m.text.includes(s.value));
    assert.deepEqual(await validate(m.text), []);
  });

  it('a Slack webhook URL is one secret and the target is slack; a Teams workflow URL with a message is teams', async () => {
    const slack = curlToMacro(
      `curl -d '{"text":"hi"}' -H 'Content-Type: application/json' https://hooks.slack.com/services/T1/B2/abcdefabcdef`,
    );
    assert.ok(slack.ok);
    assert.equal(slack.value.target, 'slack');
    assert.equal(parse(slack.value.text).target, 'slack');
    assert.equal(parse(slack.value.text).request.url, '${secret:SLACK_WEBHOOK_URL}');
    // The same recognition `"target"` falls back to.
    const literal = parseMacro(
      JSON.stringify({
        name: 'x',
        request: { method: 'POST', url: 'https://hooks.slack.com/services/T1/B2/abcdefabcdef' },
      }),
    );
    assert.equal(targetFromUrl(literal), 'slack');

    const url =
      'https://prod-01.westus.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=AbCdEf0123456789xyz';
    const body = JSON.stringify({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: { type: 'AdaptiveCard', version: '1.4', body: [{ type: 'TextBlock', text: 'hi' }] },
        },
      ],
    });
    const teams = curlToMacro(`curl -H 'Content-Type: application/json' -d '${body}' '${url}'`);
    assert.ok(teams.ok);
    assert.equal(teams.value.target, 'teams');
    assert.equal(parse(teams.value.text).request.url, '${secret:TEAMS_WORKFLOW_URL}');
    assert.deepEqual(
      teams.value.secrets.map(s => s.value),
      [url],
    );
    assert.deepEqual(await validate(teams.value.text), []);

    // Another Power Automate flow (not a Teams message): generic, only the signature is secret.
    const flow = curlToMacro(`curl -H 'Content-Type: application/json' -d '{"a":1}' '${url}'`);
    assert.ok(flow.ok);
    assert.equal(flow.value.target, 'generic');
    assert.match(parse(flow.value.text).request.url, /&sig=\$\{secret:AZURE_SIG\}$/);
  });

  it('keeps literal (( as text, and numbers exactly as written', () => {
    const r = curlToMacro(
      `curl -H 'Content-Type: application/json' -d '{"t":"((Title)) (((x)))","n":12345678901234567890.50}' 'https://x.test/((a))'`,
    );
    assert.ok(r.ok);
    const parsed = parseMacro(r.value.text);
    const out = renderMacro(parsed, { sample: { Title: 'NOT USED', x: 'NO' } });
    assert.deepEqual(out.problems, []);
    assert.equal(out.request!.url, 'https://x.test/((a))');
    assert.equal(JSON.parse(out.request!.bodyText!.replace('12345678901234567890.50', '0')).t, '((Title)) (((x)))');
    assert.match(out.request!.bodyText!, /"n": 12345678901234567890\.50/);
  });

  it('a body that does not fit its Content-Type stays text, exactly as curl sends it', () => {
    const r = curlToMacro(`curl -d '{"a": 1}' https://x.test`);
    assert.ok(r.ok);
    const request = parse(r.value.text).request;
    assert.equal(request.bodyFormat, 'text');
    assert.equal(request.body, '{"a": 1}');
    assert.equal(request.headers['Content-Type'], 'application/x-www-form-urlencoded');
    assert.match(r.value.notes.join(' '), /The body is JSON, but it is sent as application\/x-www-form-urlencoded/);
    // A form that reads back to other bytes (a + for a space written %20) stays text too.
    const form = curlToMacro(`curl -d 'a=1%202&b=x' https://x.test`);
    assert.ok(form.ok);
    assert.equal(parse(form.value.text).request.bodyFormat, 'text');
    const exact = curlToMacro(`curl -d 'a=1+2&b=%27x%27' https://x.test`);
    assert.ok(exact.ok);
    assert.deepEqual(parse(exact.value.text).request.body, { a: '1 2', b: "'x'" });
  });

  it('shell variables in the URL and headers become ${env:NAME}, which the macro fills from the environment', async () => {
    const r = curlToMacro('curl -H "Authorization: Bearer $TOKEN" "$BASE/items"');
    assert.ok(r.ok);
    const request = parse(r.value.text).request;
    assert.equal(request.url, '${env:BASE}/items');
    assert.equal(request.headers.Authorization, 'Bearer ${env:TOKEN}');
    assert.deepEqual(r.value.secrets, []);
    // Only the warning every ${env:} gets: its value goes to the macro's host.
    assert.deepEqual(
      (await validate(r.value.text)).map(p => p.slice(0, p.indexOf(':'))),
      ['placeholder/env', 'placeholder/env'],
    );
  });

  it('a header written twice is sent once with both values', () => {
    const r = curlToMacro(`curl -H 'X-A: 1' -H 'x-a: 2' -b 'a=1' -b 'b=2' https://x.test`);
    assert.ok(r.ok);
    const h = parse(r.value.text).request.headers;
    assert.equal(h['X-A'], '1, 2');
    assert.match(r.value.notes.join(' '), /X-A header is given twice|x-a header is given twice/);
    assert.equal(r.value.secrets[0].value, 'a=1; b=2');
  });
});
