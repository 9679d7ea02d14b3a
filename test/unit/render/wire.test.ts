import * as assert from 'node:assert/strict';
import { createCcmacroService } from '../../../src/core';
import { ajvMacroSchema } from '../../../src/cli/schema';
import { TagCatalogs } from '../../../src/core/tags/catalog';
import { parseMacro } from '../../../src/core/macro/parse';
import { renderMacro } from '../../../src/core/targets/render';
import type { RenderResult } from '../../../src/core/render/types';
import { loadSampleForMacro } from '../../../src/core/samples/load';
import { parseSampleFile } from '../../../src/core/samples/parse';
import { SampleNumber, type SampleItem } from '../../../src/core/samples/types';
import { loadMacroForSend, prepareRequest } from '../../../src/core/send/prepare';
import { Sender, wireUrl } from '../../../src/core/send/send';
import { EnvSecretResolver } from '../../../src/core/secrets/resolve';
import { InMemoryFileSystem } from '../../fakes/fileSystem';
import { startServer, type TestServer } from '../send/servers';
import { parseXmlStrict } from './xmlTree';

/**
 * Issue 8, section C: the request that is logged is the request that is sent. Each value either goes on the wire
 * exactly, or the render refuses it at the tag that brought it.
 */
function macro(request: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ name: 'Wire', ...extra, request }, null, 2);
}
const render = (text: string, sample: SampleItem): RenderResult => renderMacro(parseMacro(text), { sample });
const errors = (r: RenderResult) => r.problems.filter(p => p.severity === 'error');
/** The authored text each error points at. */
const at = (text: string, r: RenderResult) => errors(r).map(p => [p.code, text.slice(p.range.start, p.range.end)]);

describe('C1: dot segments from a tag value', () => {
  const text = macro({
    method: 'POST',
    url: 'https://x.test/api/projects/((Project))/tickets?q=((Project))',
    body: {},
  });

  for (const v of ['..', '.']) {
    it(`refuses ${JSON.stringify(v)} as a whole path segment, at the tag in the path`, () => {
      const r = render(text, { Project: v });
      assert.equal(r.request, undefined);
      assert.deepEqual(at(text, r), [['render/url-dot-segment', '((Project))']]);
      assert.equal(r.problems[0].range.start, text.indexOf('((Project))'));
      assert.match(r.problems[0].message, /another address/);
    });
  }

  it('refuses a segment two tags make together, and one a tag makes with authored %2e', () => {
    const two = macro({ method: 'GET', url: 'https://x.test/a/((A))((B))/b' });
    assert.deepEqual(
      at(two, render(two, { A: '.', B: '.' })).map(x => x[0]),
      ['render/url-dot-segment'],
    );
    const mixed = macro({ method: 'GET', url: 'https://x.test/a/%2E((A))/b' });
    assert.deepEqual(
      at(mixed, render(mixed, { A: '.' })).map(x => x[0]),
      ['render/url-dot-segment'],
    );
  });

  it('sends values that only contain dots, or dots in the query, exactly', () => {
    for (const v of ['...', '.x', 'a..', '%2e%2e']) {
      const r = render(text, { Project: v });
      assert.deepEqual(errors(r), [], v);
      assert.equal(new URL(r.request!.url).href, r.request!.url, v);
    }
  });

  describe('the exchange log shows the URL as it went on the wire', () => {
    let server: TestServer;
    const sender = new Sender();
    before(async () => {
      server = await startServer((_req, res) => res.writeHead(204).end());
    });
    after(async () => {
      await sender.close();
      await server.close();
    });

    it('secret positions follow the URL onto the wire, masking more rather than less when parsing moves text', () => {
      const covered = (url: string, ranges: Array<{ start: number; end: number }>, secret: string) => {
        const at = url.lastIndexOf(secret);
        return ranges.some(r => r.start <= at && r.end >= at + secret.length);
      };
      // Nothing changes: the same positions.
      assert.deepEqual(wireUrl('https://x.test/a?t=SECRET', [{ start: 18, end: 24 }]), {
        url: 'https://x.test/a?t=SECRET',
        urlSecretRanges: [{ start: 18, end: 24 }],
      });
      // The host is lower-cased: everything from the change on is one masked range.
      const host = wireUrl('https://X.test/a?t=SECRET', [{ start: 18, end: 24 }]);
      assert.equal(host.url, 'https://x.test/a?t=SECRET');
      assert.ok(covered(host.url, host.urlSecretRanges!, 'SECRET'));
      // A dot segment moves a one-letter secret to where a removed segment was: still covered.
      const url = 'https://x.test/k/../k';
      const dots = wireUrl(url, [{ start: url.length - 1, end: url.length }]);
      assert.equal(dots.url, 'https://x.test/k');
      assert.ok(covered(dots.url, dots.urlSecretRanges!, 'k'));
      // A secret before the first change keeps its place; one that is the whole URL covers the added slash.
      const whole = wireUrl('https://hook.test', [{ start: 0, end: 17 }]);
      assert.deepEqual(whole, { url: 'https://hook.test/', urlSecretRanges: [{ start: 0, end: 17 }] });
    });

    it('an authored dot segment is removed on the wire, and the log says so', async () => {
      const ex = await sender.send({ method: 'POST', url: `${server.url}/api/projects/../tickets`, headers: [] });
      assert.equal(ex.error, undefined);
      assert.equal(server.seen.at(-1)!.url, '/api/tickets');
      assert.equal(ex.request.url, `${server.url}/api/tickets`);
    });
  });
});

describe('C2: XML bodies', () => {
  const body = '<case id="((V))"><t>((V))</t></case>';
  const text = macro({ method: 'POST', url: 'https://x.test', bodyFormat: 'xml', body });

  it('writes CR, LF and TAB in attributes as character references and CR in text as &#13;, so a reader gets them back', () => {
    const v = 'a\r\nb\tc\rd "q" \'s\' <&>';
    const r = render(text, { V: v });
    assert.deepEqual(errors(r), []);
    assert.equal(
      r.request!.bodyText,
      '<case id="a&#13;&#10;b&#9;c&#13;d &quot;q&quot; &apos;s&apos; &lt;&amp;&gt;"><t>a&#13;\nb\tc&#13;d &quot;q&quot; &apos;s&apos; &lt;&amp;&gt;</t></case>',
    );
    const root = parseXmlStrict(r.request!.bodyText!);
    assert.equal(root.attrs.id, v);
    assert.equal((root.children[0] as { text: string }).text, v);
  });

  for (const [name, ch] of [
    ['U+0001', '\u0001'],
    ['U+0000', '\u0000'],
    ['U+000B', '\u000b'],
    ['U+001F', '\u001f'],
    ['U+FFFE', '\ufffe'],
    ['U+FFFF', '\uffff'],
  ]) {
    it(`refuses ${name}, which XML cannot hold, at the tag`, () => {
      const r = render(text, { V: `x${ch}y` });
      assert.equal(r.request, undefined);
      assert.deepEqual([...new Set(at(text, r).map(x => x.join(' ')))], ['render/xml-bad-character ((V))']);
      assert.ok(r.problems[0].message.includes(name));
    });
  }

  it('keeps C1 controls, U+2028 and astral characters (XML allows them) exactly', () => {
    const v = '\u0085\u009f\u2028\u{1F525}\u007f';
    const r = render(text, { V: v });
    assert.deepEqual(errors(r), []);
    assert.equal(parseXmlStrict(r.request!.bodyText!).attrs.id, v);
  });
});

describe('C3: a key written twice', () => {
  const dup =
    '{\n  "name": "Dup",\n  "request": {\n    "method": "POST",\n    "url": "https://first.test/",\n    "url": "https://second.test/",\n    "headers": { "X-A": "1", "X-A": "2" },\n    "body": { "t": "((Title))", "t": "x" }\n  }\n}';

  it('makes the file unusable: render refuses it with located json/duplicate-key errors, send never prepares it', async () => {
    const parsed = parseMacro(dup);
    const r = renderMacro(parsed, { sample: { Title: 'T' } });
    assert.equal(r.request, undefined);
    assert.deepEqual(at(dup, r), [
      ['json/duplicate-key', '"url"'],
      ['json/duplicate-key', '"X-A"'],
      ['json/duplicate-key', '"t"'],
    ]);
    assert.equal(r.problems[0].range.start, dup.lastIndexOf('"url"'));
    const loaded = await loadMacroForSend(dup, '/w', new InMemoryFileSystem());
    assert.equal(loaded.ok, false);
    assert.equal(!loaded.ok && loaded.stage, 'syntax');
    assert.deepEqual(!loaded.ok ? loaded.problems.map(p => p.code) : [], [
      'json/duplicate-key',
      'json/duplicate-key',
      'json/duplicate-key',
    ]);
  });

  it('validate reports the same errors in the editor (no schema) as in the CLI', async () => {
    for (const schema of [false, true]) {
      const service = createCcmacroService({
        fs: new InMemoryFileSystem(),
        ...(schema ? { macroSchema: ajvMacroSchema() } : {}),
      });
      const { problems } = await service.validate({ path: '/w/dup.ccmacro.json', text: dup });
      assert.deepEqual(
        problems
          .filter(p => p.code === 'json/duplicate-key')
          .map(p => [p.severity, dup.slice(p.range.start, p.range.end)]),
        [
          ['error', '"url"'],
          ['error', '"X-A"'],
          ['error', '"t"'],
        ],
      );
    }
  });

  it('in a sample item: a located sample/duplicate-key error, that item unusable, the others fine', async () => {
    const sampleText = '[{"Title": "A"}, {"Title": "B", " Title": "C"}]';
    const file = parseSampleFile(sampleText);
    assert.deepEqual(
      file.problems.map(p => [p.code, p.severity, sampleText.slice(p.range.start, p.range.end)]),
      [['sample/duplicate-key', 'error', '" Title"']],
    );
    assert.deepEqual(
      file.items.map(i => i.item),
      [{ Title: 'A' }, undefined],
    );
    assert.deepEqual(file.items[1].keys, [], 'an unusable item makes no tag known');
    const fsys = new InMemoryFileSystem({ '/w/s.sample.json': sampleText });
    const parsed = parseMacro(macro({ method: 'POST', url: 'https://x.test', body: { t: '((Title))' } }));
    const one = await loadSampleForMacro(parsed, '/w', fsys, { sample: 's.sample.json', index: 1 });
    assert.equal(one.item, undefined);
    assert.deepEqual(
      one.problems.map(p => p.code),
      ['sample/duplicate-key'],
    );
    const zero = await loadSampleForMacro(parsed, '/w', fsys, { sample: 's.sample.json', index: 0 });
    assert.deepEqual(zero.problems, []);
    assert.equal(zero.item!.Title, 'A');
  });
});

describe('C4: typed values keep their digits', () => {
  const text = macro({
    method: 'POST',
    url: 'https://x.test',
    body: { n: '((N)):number', t: 'id ((N))', j: '((J)):json' },
  });
  const sample = (json: string) => parseSampleFile(json).items[0].item!;

  it('passes JSON number text through exactly, from a sample number and from text', () => {
    for (const [n, out] of [
      ['12345678901234567890', '12345678901234567890'],
      ['9007199254740993', '9007199254740993'],
      ['-0.10', '-0.10'],
      ['1E+2', '1E+2'],
    ]) {
      const fromNumber = render(text, sample(`{"N": ${n}, "J": null}`));
      assert.deepEqual(errors(fromNumber), [], n);
      assert.ok(fromNumber.request!.bodyText!.includes(`"n": ${out},`), fromNumber.request!.bodyText);
      assert.ok(fromNumber.request!.bodyText!.includes(`"t": "id ${out}"`), 'a number in text keeps its digits too');
      const fromText = render(text, { N: ` ${n} `, J: null });
      assert.ok(fromText.request!.bodyText!.includes(`"n": ${out},`), n);
    }
    assert.ok(new SampleNumber('12345678901234567890') instanceof SampleNumber);
  });

  it('refuses 1e999 (not a finite number) and other non-numbers with render/typed-value at the tag', () => {
    for (const v of ['1e999', '-1e999', 'NaN', 'Infinity', '0x10', '1.', '+1']) {
      const r = render(text, { N: v, J: null });
      assert.equal(r.request, undefined, v);
      assert.deepEqual(
        at(text, r).map(x => x[0]),
        ['render/typed-value'],
        v,
      );
    }
    const r = render(text, sample('{"N": 1e999, "J": null}'));
    assert.deepEqual(
      errors(r).map(p => p.code),
      ['render/typed-value'],
    );
    assert.match(errors(r)[0].message, /too large/);
  });

  it(':json keeps the digits of numbers in a sample list and in JSON text, and refuses a key written twice', () => {
    const list = render(text, sample('{"N": 1, "J": [12345678901234567890, "x", true]}'));
    assert.ok(list.request!.bodyText!.includes('"j": [\n    12345678901234567890,\n    "x",\n    true\n  ]'));
    const json = render(text, { N: 1, J: '{"a": [9007199254740993, {"b": 1.50}]}' });
    assert.deepEqual(JSON.parse(json.request!.bodyText!).j, { a: [9007199254740992, { b: 1.5 }] });
    assert.ok(json.request!.bodyText!.includes('9007199254740993'));
    assert.ok(json.request!.bodyText!.includes('1.50'));
    const twice = render(text, { N: 1, J: '{"a": 1, "a": 2}' });
    assert.deepEqual(
      errors(twice).map(p => p.code),
      ['render/typed-value'],
    );
  });
});

describe('C6: lone surrogates are refused at the tag in every part and body format', () => {
  const broken = 'a\ud800b';
  const cases: Array<[string, Record<string, unknown>]> = [
    ['url', { method: 'GET', url: 'https://x.test/((V))' }],
    ['header', { method: 'GET', url: 'https://x.test/', headers: { 'X-V': '((V))' } }],
    ['json', { method: 'POST', url: 'https://x.test/', body: { v: '((V))' } }],
    ['form', { method: 'POST', url: 'https://x.test/', bodyFormat: 'form', body: { v: '((V))' } }],
    ['text', { method: 'POST', url: 'https://x.test/', bodyFormat: 'text', body: 'v=((V))' }],
    ['xml', { method: 'POST', url: 'https://x.test/', bodyFormat: 'xml', body: '<a>((V))</a>' }],
  ];
  for (const [part, request] of cases) {
    it(`in a ${part} value: render/lone-surrogate, no request`, () => {
      const text = macro(request);
      const r = render(text, { V: broken });
      assert.equal(r.request, undefined);
      assert.deepEqual(at(text, r), [['render/lone-surrogate', '((V))']]);
      assert.match(r.problems[0].message, /U\+D800/);
    });
  }

  it('in authored text (a \\ud83d escape without its pair): refused at the string', () => {
    const text =
      '{"name":"x","request":{"method":"POST","url":"https://x.test/","bodyFormat":"text","body":"a\\ud83d b"}}';
    const r = render(text, {});
    assert.deepEqual(at(text, r), [['render/lone-surrogate', '"a\\ud83d b"']]);
  });

  it('a whole surrogate pair (an emoji) is sent exactly', () => {
    const r = render(macro(cases[4][1]), { V: '🔥' });
    assert.equal(r.request!.bodyText, 'v=🔥');
  });
});

describe('C7: an object-valued sample key gets one verdict from the editor checks and the renderer', () => {
  it('((Obj)) is not a fillable tag for either: one error that it is unknown (and has no value), the renderer refuses it', async () => {
    const text = macro(
      { method: 'POST', url: 'https://x.test/', body: { o: '((Obj))' } },
      { samples: ['s.sample.json'] },
    );
    const fsys = new InMemoryFileSystem({
      '/w/m.ccmacro.json': text,
      '/w/s.sample.json': '{"Obj": {"nested": 1}, "Title": "T"}',
    });
    const service = createCcmacroService({ fs: fsys });
    const { problems, parsed } = await service.validate({ path: '/w/m.ccmacro.json', text }, { builtinCatalog: false });
    const on = (code: string) =>
      problems.filter(p => p.code === code).map(p => [p.severity, parsed.text.slice(p.range.start, p.range.end)]);
    assert.deepEqual(on('tag/unknown'), [['error', '((Obj))']]);
    assert.deepEqual(on('render/missing-tag'), [], 'one problem for one tag: the unknown tag says it has no value too');
    const catalog = await new TagCatalogs(fsys).resolve({ macroPath: '/w/m.ccmacro.json', samples: ['s.sample.json'] });
    assert.equal(catalog.tags.has('Obj'), false);
    assert.equal(catalog.tags.has('Title'), true);
    const loaded = await loadMacroForSend(text, '/w', fsys);
    assert.ok(loaded.ok);
    const ready = await prepareRequest(loaded.parsed, loaded.item, new EnvSecretResolver({}));
    assert.equal(ready.ok, false);
    assert.deepEqual(!ready.ok ? ready.problems.map(p => p.code) : [], ['render/missing-tag']);
  });
});
