import * as assert from 'node:assert/strict';
import { InMemoryFileSystem } from '../../fakes/fileSystem';
import { check, macro, positionOf } from '../macro/helpers';

/** Only the problems of the semantic families (no schema, no tags). */
const semantic = async (text: string, fs?: InMemoryFileSystem) =>
  (await check(text, { schema: false, fs })).filter(p => /^(request|macro|triggers|samples|json)\//.test(p.code));

describe('semantic checks', () => {
  it('finds nothing wrong in a plain valid macro', async () => {
    assert.deepEqual(
      await semantic(macro({}, { headers: { 'Content-Type': 'application/json' }, body: { a: '((Title))' } })),
      [],
    );
  });

  describe('body and method', () => {
    it('errors on a body with GET, at the body property name', async () => {
      const text = macro({}, { method: 'GET', body: { a: 1 } });
      const [p] = await semantic(text);
      assert.deepEqual([p.code, p.severity, p.text], ['request/body-with-get', 'error', '"body"']);
      assert.deepEqual({ line: p.line, column: p.column }, positionOf(text, '"body"'));
    });
    it('warns on a body with DELETE', async () => {
      const [p] = await semantic(macro({}, { method: 'DELETE', body: 'x', bodyFormat: 'text' }));
      assert.deepEqual([p.code, p.severity], ['request/body-with-delete', 'warning']);
    });
    it('accepts GET without a body', async () => {
      assert.deepEqual(await semantic(macro({}, { method: 'GET' })), []);
    });
  });

  describe('Content-Type against bodyFormat', () => {
    it('warns when a JSON body is labelled as something else, at the header value', async () => {
      const text = macro({}, { headers: { 'content-type': 'text/plain' }, body: { a: 1 } });
      const [p] = await semantic(text);
      assert.deepEqual([p.code, p.severity, p.text], ['request/content-type-mismatch', 'warning', '"text/plain"']);
      assert.match(p.message, /application\/json/);
    });
    it('accepts JSON media types with parameters and +json', async () => {
      for (const ct of ['application/json; charset=utf-8', 'application/vnd.api+json', 'Application/JSON']) {
        assert.deepEqual(await semantic(macro({}, { headers: { 'Content-Type': ct }, body: {} })), [], ct);
      }
    });
    it('checks form and xml bodies too, and skips dynamic header values', async () => {
      const form = await semantic(
        macro({}, { bodyFormat: 'form', headers: { 'Content-Type': 'application/json' }, body: { a: 'b' } }),
      );
      assert.deepEqual(
        form.map(p => p.code),
        ['request/content-type-mismatch'],
      );
      const xml = await semantic(
        macro({}, { bodyFormat: 'xml', headers: { 'Content-Type': 'application/json' }, body: '<a/>' }),
      );
      assert.deepEqual(
        xml.map(p => p.code),
        ['request/content-type-mismatch'],
      );
      assert.deepEqual(
        await semantic(macro({}, { bodyFormat: 'xml', headers: { 'Content-Type': 'text/xml' }, body: '<a/>' })),
        [],
      );
      assert.deepEqual(await semantic(macro({}, { headers: { 'Content-Type': '${env:CT}' }, body: {} })), []);
    });
  });

  it('errors on header names that differ only in case, naming the other line', async () => {
    const text =
      '{\n  "name": "X",\n  "request": {\n    "method": "POST",\n    "url": "https://a.example/",\n    "headers": {\n      "Authorization": "a",\n      "authorization": "b"\n    }\n  }\n}';
    const [p] = await semantic(text);
    assert.deepEqual([p.code, p.text, p.line], ['request/duplicate-header', '"authorization"', 8]);
    assert.match(p.message, /line 7/);
  });

  describe('URL', () => {
    const urlProblems = async (url: string) => (await semantic(macro({}, { url }))).map(p => p.code);
    it('accepts http(s) URLs, placeholder URLs and tags', async () => {
      for (const url of [
        'https://a.example/x',
        'http://127.0.0.1:8080/',
        '${secret:SLACK_WEBHOOK_URL}',
        '${env:BASE}/api/((Feedback ID))',
        'https://((Project Name)).example.com/',
        '((Feedback URL))',
      ]) {
        assert.deepEqual(await urlProblems(url), [], url);
      }
    });
    it('rejects other schemes and missing schemes', async () => {
      assert.deepEqual(await urlProblems('ftp://a.example/'), ['request/url-not-http']);
      assert.deepEqual(await urlProblems('a.example/hook'), ['request/url-not-http']);
      assert.deepEqual(await urlProblems('hooks.slack.com/services/${secret:X}'), ['request/url-not-http']);
    });
    it('rejects a URL without a host, and warns about spaces outside tags', async () => {
      assert.deepEqual(await urlProblems('https:///x'), ['request/url-no-host']);
      assert.deepEqual(await urlProblems('https://a.example/my hook'), ['request/url-space']);
      assert.deepEqual(await urlProblems('https://a.example/((Feedback ID))'), []);
    });
    it('does not repeat the URL in the message (it may be a secret)', async () => {
      const [p] = await semantic(macro({}, { url: 'ftp://secret-token@a.example/' }));
      assert.ok(!p.message.includes('secret-token'), p.message);
    });
  });

  describe('body shape against bodyFormat', () => {
    it('needs an object of simple values for form, pointing at the bad field', async () => {
      const text = macro({}, { bodyFormat: 'form', body: { a: 'x', n: 1, b: true, nested: { c: 1 }, list: [1] } });
      const problems = await semantic(text);
      assert.deepEqual(
        problems.map(p => [p.code, p.text.replace(/\s+/g, '')]),
        [
          ['request/body-format', '{"c":1}'],
          ['request/body-format', '[1]'],
        ],
      );
      assert.deepEqual(
        (await semantic(macro({}, { bodyFormat: 'form', body: 'a=b' }))).map(p => p.code),
        ['request/body-format'],
      );
    });
    it('needs a string for text and xml', async () => {
      const [p] = await semantic(macro({}, { bodyFormat: 'text', body: { a: 1 } }));
      assert.equal(p.code, 'request/body-format');
      assert.match(p.message, /must be one string/);
      assert.deepEqual(
        (await semantic(macro({}, { bodyFormat: 'xml', body: ['<a/>'] }))).map(p => p.code),
        ['request/body-format'],
      );
      assert.deepEqual(await semantic(macro({}, { bodyFormat: 'text', body: 'Hello ((First Name))' })), []);
    });
  });

  it('warns when a Slack target gets something other than a JSON POST', async () => {
    const problems = await semantic(macro({ target: 'slack' }, { method: 'PUT', bodyFormat: 'text', body: 'hi' }));
    assert.deepEqual(
      problems.map(p => [p.code, p.text]),
      [
        ['request/slack-method', '"PUT"'],
        ['request/slack-body-format', '"text"'],
      ],
    );
    const byUrl = await semantic(
      macro({}, { url: 'https://hooks.slack.com/services/${secret:X}', bodyFormat: 'form', body: { a: 'b' } }),
    );
    assert.deepEqual(
      byUrl.map(p => p.code),
      ['request/slack-body-format'],
    );
    assert.deepEqual(await semantic(macro({ target: 'slack' }, { body: { text: 'hi' } })), []);
  });

  it('warns about feedbackTypes on a user macro', async () => {
    const text = macro({ scope: 'user', feedbackTypes: ['Issue'] });
    const [p] = await semantic(text);
    assert.deepEqual(
      [p.code, p.severity, p.text],
      ['macro/feedback-types-in-user-scope', 'warning', '"feedbackTypes"'],
    );
    assert.deepEqual(await semantic(macro({ scope: 'feedback', feedbackTypes: ['Issue'] })), []);
  });

  describe('samples', () => {
    it('errors on a missing sample file at that item, resolving paths from the macro folder', async () => {
      const fs = new InMemoryFileSystem({ '/proj/macros/samples/a.json': '{}', '/proj/shared.json': '{}' });
      const text = macro({ samples: ['samples/a.json', '../shared.json', 'samples/missing.json'] });
      const problems = await semantic(text, fs);
      assert.deepEqual(
        problems.map(p => [p.code, p.text]),
        [['samples/not-found', '"samples/missing.json"']],
      );
      assert.deepEqual(
        { line: problems[0].line, column: problems[0].column },
        positionOf(text, '"samples/missing.json"'),
      );
    });
    it('an unknown built-in sample is one error at its entry, however it is written (builtin:../../x)', async () => {
      const text = macro({ samples: ['builtin:../../x'] });
      const problems = (await check(text)).filter(p => p.severity === 'error');
      assert.deepEqual(
        problems.map(p => [p.code, p.text]),
        [['sample/unknown-builtin', '"builtin:../../x"']],
      );
    });

    it('reads each sample file once however many entries name it; a repeat is a warning, past 100 files an error', async () => {
      const reads = new Map<string, number>();
      const fs = new (class extends InMemoryFileSystem {
        override async readFile(path: string) {
          reads.set(path, (reads.get(path) ?? 0) + 1);
          return super.readFile(path);
        }
      })({ '/proj/macros/s.sample.json': JSON.stringify({ Title: 'x' }) });
      for (let i = 0; i < 120; i++) fs.files.set(`/proj/macros/f${i}.sample.json`, JSON.stringify({ Title: `t${i}` }));
      await check(macro({ samples: ['s.sample.json'], returnValues: { id: 'Ext' } }, { body: '((Title))' }), { fs });
      const once = reads.get('/proj/macros/s.sample.json')!; // the tag catalog, the render, return values
      reads.clear();
      const repeats = Array.from({ length: 500 }, (_, i) => `x${i}/../s.sample.json`);
      const text = macro(
        { samples: ['s.sample.json', ...repeats], returnValues: { id: 'Ext' } },
        { body: '((Title))' },
      );
      const problems = await check(text, { fs, codes: 'samples/' });
      assert.equal(reads.get('/proj/macros/s.sample.json'), once, 'named 501 times, read as often as named once');
      assert.equal(problems.length, 500);
      assert.ok(problems.every(p => p.code === 'samples/duplicate' && p.severity === 'warning'));
      assert.deepEqual(problems[0].text, '"x0/../s.sample.json"');
      assert.match(problems[0].message, /names the same sample file \("s\.sample\.json"\) as an earlier entry/);

      reads.clear();
      const many = Array.from({ length: 120 }, (_, i) => `f${i}.sample.json`);
      const over = await check(macro({ samples: many }, { body: '((Title))' }), { fs, codes: 'samples/' });
      assert.deepEqual(
        over.map(p => [p.code, p.severity, p.text]),
        [['samples/too-many', 'error', '"f100.sample.json"']],
      );
      assert.match(over[0].message, /at most 100 sample files; this one names 120, so this entry and the 19 after it/);
      assert.equal(reads.get('/proj/macros/f100.sample.json'), undefined, 'entries past the limit are not read');
      assert.ok(reads.has('/proj/macros/f99.sample.json'), 'the 100th is read');
    });
  });

  describe('triggers', () => {
    it('errors when a schedule ends before it starts, at end', async () => {
      const text = macro({ triggers: [{ schedule: { rate: 'daily', start: '2026-05-01T09:00', end: '2026-04-30' } }] });
      const [p] = await semantic(text);
      assert.deepEqual([p.code, p.text], ['triggers/schedule-end-before-start', '"2026-04-30"']);
    });
    it('treats a date without time as the whole day', async () => {
      assert.deepEqual(
        await semantic(
          macro({ triggers: [{ schedule: { rate: 'daily', start: '2026-05-01T09:00', end: '2026-05-01' } }] }),
        ),
        [],
      );
    });
    it('errors on impossible dates', async () => {
      const problems = await semantic(
        macro({ triggers: [{ schedule: { rate: 'daily', start: '2026-02-30', end: '2026-03-01T25:00' } }] }),
      );
      assert.deepEqual(
        problems.map(p => p.code),
        ['triggers/invalid-date', 'triggers/invalid-date'],
      );
    });
    it('warns about a trigger listed twice, at the second', async () => {
      const text = macro({ triggers: ['manual', 'submit', 'manual'] });
      const [p] = await semantic(text);
      assert.deepEqual([p.code, p.severity], ['triggers/duplicate', 'warning']);
      assert.equal(p.column, positionOf(text, '"manual"', text.indexOf('"submit"')).column);
      assert.equal(p.line, positionOf(text, '"manual"', text.indexOf('"submit"')).line);
    });
  });

  it('errors on a key written twice, at the second, naming where, in the editor (no schema) and the CLI alike', async () => {
    const text =
      '{ "name": "X", "request": { "method": "POST", "url": "https://a.example/", "body": { "a": 1, "a": 2 } } }';
    for (const schema of [false, true]) {
      const found = (await check(text, { schema })).filter(p => p.code === 'json/duplicate-key');
      assert.equal(found.length, 1, `schema: ${schema}`);
      const [p] = found;
      assert.equal(p.severity, 'error');
      assert.equal(p.column, text.lastIndexOf('"a"') + 1);
      assert.match(p.message, /`request\.body`/);
      assert.match(p.message, /will not render or send/);
    }
  });

  it('never crashes on fields of the wrong type (the editor runs these without the schema)', async () => {
    const text =
      '{ "name": 1, "scope": [], "feedbackTypes": 3, "triggers": "manual", "samples": {"a": 1}, "request": { "method": 7, "url": ["x"], "headers": [1], "bodyFormat": {}, "body": null } }';
    const problems = await check(text, { schema: false });
    assert.ok(
      problems.every(p => p.code !== 'internal'),
      JSON.stringify(problems),
    );
  });
});
