import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseTree } from 'jsonc-parser';
import { parseCurl, type CurlRequest } from '../../../src/core/import/curl';
import { curlToMacro, droppedHeaders, type ImportedMacro } from '../../../src/core/import/fromCurl';
import { formatJson } from '../../../src/core/import/body';
import { parseMacro } from '../../../src/core/macro/parse';
import { bodyFormat } from '../../../src/core/macro/model';
import { LineIndex } from '../../../src/core/common/text';
import { REPO_ROOT } from '../../root';

const DIR = path.join(REPO_ROOT, 'test/fixtures/curl');
const BIN = path.join(REPO_ROOT, 'bin/ccmacro.js');

interface Entry {
  file: string;
  source: string;
  expect: { target: string; method: string; secrets: string[]; dropped?: string[] } | { error: string; at: string };
}
const CORPUS = JSON.parse(fs.readFileSync(path.join(DIR, 'corpus.json'), 'utf8')) as Entry[];
const read = (f: string) => fs.readFileSync(path.join(DIR, f), 'utf8');

function cli(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A request as compared: headers as [name, value] in order, placeholders of the CLI's secrets filled from `env`. */
interface Comparable {
  method: string;
  url: string;
  headers: Array<[string, string]>;
  body?: string;
}

function comparable(r: CurlRequest, env: Record<string, string>, keep?: (name: string) => boolean): Comparable {
  const fill = (s: string) => s.replace(/\$\{env:(CCMACRO_SECRET_[A-Za-z0-9_]+)\}/g, (m, n: string) => env[n] ?? m);
  return {
    method: r.method,
    url: fill(r.url),
    headers: r.headers.filter(h => !keep || keep(h.name)).map(h => [h.name, fill(h.value)]),
    body: r.body,
  };
}

/** JSON with its whitespace normalised (numbers as written): what "the same JSON body" means. */
function canonicalJson(text: string): string {
  return formatJson(text, parseTree(text)!, '');
}

describe('cURL corpus: real-world commands import, validate clean, and render back to an equivalent command', function () {
  this.timeout(120000);
  let dir = '';
  const imported = new Map<string, ImportedMacro>();
  before(() => {
    assert.ok(fs.existsSync(path.join(REPO_ROOT, 'dist/cli.js')), 'build first: node scripts/build.mjs');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-corpus-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('has a source for every fixture and a fixture for every entry (at least 22 real-world commands)', () => {
    const files = fs.readdirSync(DIR).filter(f => !/\.(json|md)$/.test(f));
    assert.deepEqual(CORPUS.map(e => e.file).sort(), files.sort());
    for (const e of CORPUS) assert.ok(e.source.length > 10, `${e.file} names its source`);
    assert.ok(CORPUS.length >= 22);
  });

  for (const entry of CORPUS) {
    const expect = entry.expect;
    if ('error' in expect) {
      it(`${entry.file}: refused with ${expect.error}, located at "${expect.at}"`, () => {
        const text = read(entry.file);
        const r = curlToMacro(text);
        assert.ok(!r.ok, 'not imported');
        assert.equal(r.error.code, expect.error);
        assert.equal(text.slice(r.error.range.start, r.error.range.end), expect.at);
      });
      continue;
    }
    it(`${entry.file}: target ${expect.target}, ${expect.method}, secrets ${expect.secrets.join(', ') || 'none'}`, () => {
      const text = read(entry.file);
      const r = curlToMacro(text);
      assert.ok(r.ok, r.ok ? '' : `${r.error.code}: ${r.error.message}`);
      const m = r.value;
      imported.set(entry.file, m);
      assert.equal(m.target, expect.target);
      const parsed = parseMacro(m.text);
      assert.equal(parsed.macro?.request?.method, expect.method);
      assert.deepEqual(
        m.secrets.map(s => s.name),
        expect.secrets,
      );
      // No secret value is in the file; each is where its placeholder says.
      for (const s of m.secrets) {
        assert.ok(s.value.length > 0);
        assert.ok(!m.text.includes(s.value), `${s.name}'s value is not in the file`);
        assert.ok(m.text.includes(`\${secret:${s.name}}`));
      }
      const original = parseCurl(text);
      assert.ok(original.ok);
      assert.deepEqual(droppedHeaders(original.value).dropped, expect.dropped ?? []);
      fs.writeFileSync(path.join(dir, entry.file.replace(/\.\w+$/, '.ccmacro.json')), m.text);
    });
  }

  it('every imported macro validates clean (ccmacro validate: no error, no warning but placeholder/env)', () => {
    const r = cli(['validate', '.'], dir);
    assert.equal(r.err, '');
    // A $URL of the command becomes ${env:URL}: validate says where its value goes, and nothing else.
    const lines = r.out.trimEnd().split('\n');
    const summary = lines.pop()!;
    for (const l of lines) assert.match(l, /: warning: \$\{env:URL\} sends the value .*\[placeholder\/env\]$/, l);
    assert.match(
      summary,
      new RegExp(`^${imported.size} files checked: (no problems|0 errors, ${lines.length} warnings?)$`),
    );
    assert.equal(r.code, 0);
  });

  it('render --format curl of each gives back the same method, URL, headers (secrets from env vars) and body', () => {
    assert.ok(imported.size >= 20);
    for (const [file, m] of imported) {
      const original = parseCurl(read(file));
      assert.ok(original.ok);
      const env: Record<string, string> = {};
      for (const s of m.secrets) env[`CCMACRO_SECRET_${s.name}`] = s.value;
      const macroFile = path.join(dir, file.replace(/\.\w+$/, '.ccmacro.json'));
      const rendered = cli(['render', '--format', 'curl', macroFile], dir, env);
      assert.equal(rendered.code, 0, `${file}: ${rendered.err}`);
      // The rendered command names secrets, never their values.
      for (const s of m.secrets) assert.ok(!rendered.out.includes(s.value), `${file}: ${s.name} is not in the command`);
      const back = parseCurl(rendered.out);
      assert.ok(back.ok, `${file}: the rendered command parses (${back.ok ? '' : back.error.message})`);
      const { dropped } = droppedHeaders(original.value);
      const want = comparable(original.value, env, name => !dropped.includes(name));
      const got = comparable(back.value, env);
      const json =
        bodyFormat(parseMacro(m.text).macro) === 'json' && parseMacro(m.text).macro?.request?.body !== undefined;
      if (json) {
        assert.equal(canonicalJson(got.body!), canonicalJson(want.body!), `${file}: the same JSON body`);
        got.body = want.body = undefined;
      }
      assert.deepEqual(got, want, file);
    }
  });

  it('the same requests reach a real server from the original command and from render --format curl (real curl, bash)', async () => {
    const received: Array<{ method: string; url: string; headers: Array<[string, string]>; body: Buffer }> = [];
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const headers: Array<[string, string]> = [];
        for (let i = 0; i < req.rawHeaders.length; i += 2)
          headers.push([req.rawHeaders[i].toLowerCase(), req.rawHeaders[i + 1]]);
        received.push({ method: req.method!, url: req.url!, headers, body: Buffer.concat(chunks) });
        res.end('ok');
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const runBash = (script: string, env: Record<string, string>) =>
      new Promise<number | null>(resolve => {
        // Asynchronous: the server answers in this process while curl runs.
        const child = spawn('bash', ['-c', script], {
          env: { PATH: process.env.PATH, ...env },
          stdio: ['ignore', 'ignore', 'inherit'],
        });
        child.on('exit', code => resolve(code));
      });
    try {
      // The curl docs' commands use $URL; the others are real-world commands pointed at this server.
      const cases: Array<{ file: string; url?: RegExp }> = [
        { file: '14a-curl-docs-json.sh' },
        { file: '14b-curl-docs-url.sh' },
        { file: '14c-curl-docs-user.sh' },
        { file: '14d-curl-docs-data.sh' },
        { file: '02-slack-chat-postmessage.sh', url: /https:\/\/slack\.com\/api/ },
        { file: '05-jira-cloud-create-issue.sh', url: /https:\/\/your-domain\.atlassian\.net\/rest\/api\/3/ },
        { file: '20b-firefox-128-post-form.sh', url: /http:\/\/10\.129\.158\.0/ },
        { file: '22-burp-ansi-c.sh', url: /https:\/\/portswigger\.net/ },
      ];
      for (const c of cases) {
        const command = c.url ? read(c.file).replace(c.url, base) : read(c.file);
        const made = curlToMacro(command);
        assert.ok(made.ok, c.file);
        const env: Record<string, string> = { URL: `${base}/from-env?x=1` };
        for (const s of made.value.secrets) env[`CCMACRO_SECRET_${s.name}`] = s.value;
        const macroFile = path.join(dir, `real-${c.file}.ccmacro.json`);
        fs.writeFileSync(macroFile, made.value.text);
        const rendered = cli(['render', '--format', 'curl', macroFile], dir);
        assert.equal(rendered.code, 0, rendered.err);
        received.length = 0;
        assert.equal(await runBash(command, env), 0, `${c.file}: the original runs`);
        assert.equal(await runBash(rendered.out, env), 0, `${c.file}: the rendered command runs`);
        assert.equal(received.length, 2, c.file);
        const [a, b] = received;
        const parsed = parseCurl(command);
        assert.ok(parsed.ok);
        const { dropped } = droppedHeaders(parsed.value);
        const keep = (h: [string, string]) => !dropped.some(d => d.toLowerCase() === h[0]) && h[0] !== 'content-length';
        assert.equal(b.method, a.method, c.file);
        assert.equal(b.url, a.url, c.file);
        // curl puts its own headers (Host, -u, User-Agent, Accept) before the -H ones: compare them as a set.
        const sorted = (hs: Array<[string, string]>) => hs.filter(keep).sort((x, y) => x[0].localeCompare(y[0]));
        assert.deepEqual(sorted(b.headers), sorted(a.headers), c.file);
        const macro = parseMacro(made.value.text).macro;
        if (macro?.request?.body !== undefined && bodyFormat(macro) === 'json')
          assert.equal(canonicalJson(b.body.toString('utf8')), canonicalJson(a.body.toString('utf8')), c.file);
        else assert.ok(b.body.equals(a.body), `${c.file}: the same body bytes`);
      }
    } finally {
      server.close();
    }
  });
});

describe('cURL corpus errors are located', () => {
  it('a located error names the line and column of the token', () => {
    const text = read('07-jira-dc-create-issue.sh');
    const r = curlToMacro(text);
    assert.ok(!r.ok);
    const at = new LineIndex(text).positionAt(r.error.range.start);
    assert.deepEqual(at, { line: 0, character: text.indexOf('below}') });
  });
});
