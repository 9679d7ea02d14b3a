import * as assert from 'node:assert/strict';
import { parseMacro } from '../../../src/core/macro/parse';
import { EnvSecretResolver } from '../../../src/core/secrets/resolve';
import { prepareRequest } from '../../../src/core/send/prepare';
import { renderMacroSnapshot } from '../../../src/core/snapshot/render';
import { InMemoryFileSystem } from '../../fakes/fileSystem';

const MACRO = '/w/m/hook.ccmacro.json';

function macro(fields: Record<string, unknown>): string {
  return JSON.stringify({ name: 'Hook', ...fields }, null, 2);
}

const REQUEST = {
  method: 'POST',
  url: 'https://api.example.test/issues/((Feedback ID))?token=${secret:API_TOKEN}',
  headers: { Authorization: 'Bearer ${env:API_KEY}', 'X-Trace': 'trace-1' },
  body: { title: '((Title))', id: '((Feedback ID)):number' },
};

describe('rendering a macro for its snapshot', () => {
  it('renders every item of every sample, in order, exactly as a send renders it, placeholders by name', async () => {
    const fs = new InMemoryFileSystem({
      '/w/m/a.sample.json': JSON.stringify([
        { Title: 'One', 'Feedback ID': 1 },
        { Title: 'Two', 'Feedback ID': 2 },
      ]),
      '/w/m/b.sample.json': JSON.stringify({ Title: 'Three', 'Feedback ID': 3 }),
    });
    const text = macro({ request: REQUEST, samples: ['a.sample.json', 'b.sample.json'] });
    const snap = await renderMacroSnapshot(text, MACRO, fs);
    assert.deepEqual(snap.problems, []);
    assert.equal(snap.snapshotPath, '/w/m/hook.snap.http');
    assert.deepEqual(
      snap.items.map(i => [i.key, i.label]),
      [
        ['a.sample.json [0]', 'One'],
        ['a.sample.json [1]', 'Two'],
        ['b.sample.json [0]', 'Three'],
      ],
    );
    const block = snap.items[1].block!;
    assert.equal(
      block,
      [
        '### a.sample.json [1] Two',
        'POST https://api.example.test/issues/2?token=${secret:API_TOKEN}',
        'Authorization: Bearer ${env:API_KEY}',
        'X-Trace: trace-1',
        'Content-Type: application/json; charset=utf-8',
        '',
        '{',
        '  "title": "Two",',
        '  "id": 2',
        '}',
      ].join('\n'),
    );
    // The same bytes a send puts on the wire once the placeholders are filled in.
    const sent = await prepareRequest(
      parseMacro(text),
      { Title: 'Two', 'Feedback ID': 2 },
      new EnvSecretResolver({ CCMACRO_SECRET_API_TOKEN: 'tok-123', API_KEY: 'key-456' }),
    );
    assert.ok(sent.ok);
    const body = new TextDecoder().decode(sent.request.body as Uint8Array);
    assert.ok(block.endsWith('\n\n' + body), 'the snapshot body is the body sent');
    assert.equal(sent.request.url.replace('tok-123', '${secret:API_TOKEN}'), block.split('\n')[1].slice(5));
    assert.ok(!block.includes('tok-123') && !block.includes('key-456'));
  });

  it('never writes a credential written literally in the macro', async () => {
    const fs = new InMemoryFileSystem();
    const text = macro({
      request: {
        method: 'POST',
        url: 'https://hooks.slack.com/services/T000/B000/XXXXSECRET',
        headers: { Authorization: 'Basic dXNlcjpwYXNzd29yZA==', 'X-Api-Key': 'k-literal-999' },
        body: { text: 'token=abc ((Title))' },
      },
    });
    const block = (await renderMacroSnapshot(text, MACRO, fs)).items[0].block!;
    for (const secret of ['XXXXSECRET', 'dXNlcjpwYXNzd29yZA==', 'k-literal-999'])
      assert.ok(!block.includes(secret), `${secret} is masked:\n${block}`);
    assert.match(block, /^POST https:\/\/hooks\.slack\.com\/services\/••••$/m);
    assert.match(block, /^Authorization: Basic ••••$/m);
  });

  it('uses the built-in typical sample of the macro scope when the macro names none', async () => {
    const snap = await renderMacroSnapshot(
      macro({ scope: 'user', request: { method: 'POST', url: 'https://x.test', body: { e: '((Email))' } } }),
      MACRO,
      new InMemoryFileSystem(),
    );
    assert.deepEqual(
      snap.items.map(i => i.key),
      ['builtin:user [0]'],
    );
  });

  it('reports an item that does not render on that item, located in the macro, and renders the others', async () => {
    const fs = new InMemoryFileSystem({
      '/w/m/a.sample.json': JSON.stringify([{ Title: 'ok' }, { Other: 1 }, 5]),
    });
    const text = macro({
      request: { method: 'POST', url: 'https://x.test', body: { t: '((Title))' } },
      samples: ['a.sample.json'],
    });
    const snap = await renderMacroSnapshot(text, MACRO, fs);
    const [ok, missing, notObject] = snap.items;
    assert.ok(ok.block && ok.problems.length === 0);
    assert.equal(missing.block, undefined);
    assert.deepEqual(
      missing.problems.map(p => [p.problem.code, p.path, text.slice(p.problem.range.start, p.problem.range.end)]),
      [['render/missing-tag', MACRO, '((Title))']],
    );
    assert.deepEqual(
      notObject.problems.map(p => [p.problem.code, p.path]),
      [['sample/not-object', '/w/m/a.sample.json']],
    );
  });

  it('a missing or broken sample file is a problem of the macro, and its items are unknown', async () => {
    const fs = new InMemoryFileSystem({ '/w/m/broken.sample.json': '[{"Title": "a"}, {' });
    const text = macro({
      request: { method: 'GET', url: 'https://x.test' },
      samples: ['gone.sample.json', 'broken.sample.json', 'builtin:nope'],
    });
    const snap = await renderMacroSnapshot(text, MACRO, fs);
    assert.deepEqual(snap.items, []);
    assert.deepEqual(snap.unreadSamples, ['gone.sample.json', 'broken.sample.json', 'builtin:nope']);
    // A missing file has nothing to point at: it is reported at the macro's `samples` entry, as validate does.
    assert.deepEqual(
      [
        ...new Set(
          snap.problems.map(
            p =>
              `${p.problem.code} ${p.path} ${p.path === MACRO ? text.slice(p.problem.range.start, p.problem.range.end) : ''}`,
          ),
        ),
      ],
      [
        `sample/not-found ${MACRO} "gone.sample.json"`,
        'sample/syntax /w/m/broken.sample.json ',
        `sample/unknown-builtin ${MACRO} "builtin:nope"`,
      ],
    );
  });

  it('reads each sample file once however many entries name it, and at most 100 files', async () => {
    const reads = new Map<string, number>();
    const fs = new (class extends InMemoryFileSystem {
      override async readFile(path: string) {
        reads.set(path, (reads.get(path) ?? 0) + 1);
        return super.readFile(path);
      }
    })({ '/w/m/s.sample.json': JSON.stringify([{ Title: 'a' }, { Title: 'b' }]) });
    const entries = ['s.sample.json', ...Array.from({ length: 300 }, (_, i) => `x${i}/../s.sample.json`)];
    const request = { method: 'POST', url: 'https://x.test', body: { t: '((Title))' } };
    const snap = await renderMacroSnapshot(macro({ request, samples: entries }), MACRO, fs);
    assert.deepEqual(snap.problems, []);
    assert.deepEqual(
      snap.items.map(i => i.key),
      ['s.sample.json [0]', 's.sample.json [1]'],
    );
    assert.equal(reads.get('/w/m/s.sample.json'), 1);

    for (let i = 0; i < 105; i++) fs.files.set(`/w/m/f${i}.sample.json`, JSON.stringify({ Title: `t${i}` }));
    const many = Array.from({ length: 105 }, (_, i) => `f${i}.sample.json`);
    const text = macro({ request, samples: many });
    const over = await renderMacroSnapshot(text, MACRO, fs);
    assert.equal(over.items.length, 100);
    assert.deepEqual(
      over.problems.map(p => [p.problem.code, p.path, text.slice(p.problem.range.start, p.problem.range.end)]),
      [['samples/too-many', MACRO, '"f100.sample.json"']],
    );
    assert.equal(reads.get('/w/m/f100.sample.json'), undefined);
  });

  it('a macro that does not parse has no items and says why', async () => {
    const snap = await renderMacroSnapshot('{ "name": "x", ', MACRO, new InMemoryFileSystem());
    assert.equal(snap.macroParsed, false);
    assert.deepEqual(snap.items, []);
    assert.ok(snap.problems.length > 0 && snap.problems.every(p => p.path === MACRO));
  });

  it("reads return values from an item's $response, and a missing field is a problem on the returnValues entry", async () => {
    const fs = new InMemoryFileSystem({
      '/w/m/a.sample.json': JSON.stringify([
        { Title: 'ok', $response: { status: 201, body: { key: 'BETA-7', id: 10 } } },
        { Title: 'no key', $response: { status: 201, body: { id: 11 } } },
        { Title: 'no response' },
      ]),
    });
    const text = macro({
      request: { method: 'POST', url: 'https://x.test', body: { t: '((Title))' } },
      returnValues: { key: 'Jira Key', id: 'Jira ID' },
      samples: ['a.sample.json'],
    });
    const snap = await renderMacroSnapshot(text, MACRO, fs);
    const [ok, noKey, none] = snap.items;
    assert.ok(
      ok.block!.endsWith(
        "# Return values Centercode would save (from the sample's response, status 201):\n#   Jira Key = BETA-7 (from key)\n#   Jira ID = 10 (from id)",
      ),
      ok.block,
    );
    assert.deepEqual(ok.problems, []);
    assert.deepEqual(
      noKey.problems.map(p => [p.problem.code, text.slice(p.problem.range.start, p.problem.range.end)]),
      [['return/missing', '"key": "Jira Key"']],
    );
    assert.match(noKey.problems[0].problem.message, /the response in a\.sample\.json \[1\] has no "key"/i);
    assert.ok(!none.block!.includes('Return values'), 'no response, no return values');
  });
});
