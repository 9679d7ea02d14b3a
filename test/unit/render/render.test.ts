import * as assert from 'node:assert/strict';
import { parseMacro } from '../../../src/core/macro/parse';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { HTTP_METHODS, HTTP_TOKEN } from '../../../src/core/render/compile';
import { renderMacro } from '../../../src/core/targets/render';
import { checkTargetPayload } from '../../../src/core/targets/check';
import { REPO_ROOT } from '../../root';
import type { RenderResult } from '../../../src/core/render/types';
import type { TargetId } from '../../../src/core/targets';
import type { SampleItem } from '../../../src/core/samples/types';
import type { Problem } from '../../../src/core/common/problem';

/** A macro file from its request object (plus optional top-level fields). */
function macro(request: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ name: 'Test', ...extra, request }, null, 2);
}
function render(
  text: string,
  sample: SampleItem,
  opts: { allowMissing?: boolean; target?: TargetId } = {},
): RenderResult {
  return renderMacro(parseMacro(text), { sample, ...opts });
}
const codes = (r: RenderResult) => r.problems.map(p => p.code);

describe('renderMacro: JSON bodies', () => {
  it('puts each value into its string escaped, so the body parses and the value round-trips', () => {
    const value = 'He said "hi" \\ C:\\new\r\n\t\u0000\u2028 🔥 </script>';
    const r = render(
      macro({ method: 'POST', url: 'https://x.test/h', body: { text: 'Bug: ((Title))!', n: 3, ok: true, z: null } }),
      { Title: value },
    );
    assert.deepEqual(r.problems, []);
    const body = JSON.parse(r.request!.bodyText!);
    assert.equal(body.text, `Bug: ${value}!`);
    assert.deepEqual({ n: body.n, ok: body.ok, z: body.z }, { n: 3, ok: true, z: null });
  });

  it('writes the body pretty-printed with 2 spaces, comments dropped, key order kept', () => {
    const text =
      '{ "name": "t", "request": { "method": "POST", "url": "https://x.test", /* c */ "body": { "b": [1, {"c": "((A))"}], // why\n "a": {} , "e": [] } } }';
    const r = render(text, { A: 'x' });
    assert.equal(
      r.request!.bodyText,
      '{\n  "b": [\n    1,\n    {\n      "c": "x"\n    }\n  ],\n  "a": {},\n  "e": []\n}',
    );
    assert.equal(r.request!.bodyText, JSON.stringify(JSON.parse(r.request!.bodyText!), null, 2));
  });

  it('keeps numbers exactly as written (no precision loss)', () => {
    const r = render(
      '{"name":"t","request":{"method":"POST","url":"https://x.test","body":{"big":12345678901234567890,"f":1.50}}}',
      {},
    );
    assert.match(r.request!.bodyText!, /"big": 12345678901234567890,\n {2}"f": 1.50\n/);
  });

  it('never re-scans values: a value that looks like a tag stays text', () => {
    const r = render(macro({ method: 'POST', url: 'https://x.test', body: { t: '((Title)) / ((Other))' } }), {
      Title: '((Other))',
      Other: 'SECRET',
    });
    assert.equal(JSON.parse(r.request!.bodyText!).t, '((Other)) / SECRET');
  });

  it('turns \\(( into a literal (( and leaves malformed tags as text', () => {
    const r = render(
      macro({ method: 'POST', url: 'https://x.test', body: { t: '\\((Title)) ((Title)) (()) ((open' } }),
      { Title: 'T' },
    );
    assert.equal(JSON.parse(r.request!.bodyText!).t, '((Title)) T (()) ((open');
  });

  it('writes numbers, booleans, null and lists as text inside strings (lists joined with ", ")', () => {
    const r = render(macro({ method: 'POST', url: 'https://x.test', body: { t: '((N))|((B))|((Z))|((L))' } }), {
      N: 42.5,
      B: false,
      Z: null,
      L: ['a', 1, ['b', true]],
    });
    assert.equal(JSON.parse(r.request!.bodyText!).t, '42.5|false||a, 1, b, true');
  });

  it('records each substitution: source range of the tag and output range of the encoded value', () => {
    const text = macro({ method: 'POST', url: 'https://x.test', body: { t: 'a ((Title)) b', u: '((Title))' } });
    const r = render(text, { Title: 'x"y' });
    assert.equal(r.substitutions.length, 2);
    for (const s of r.substitutions) {
      assert.equal(text.slice(s.source.start, s.source.end), '((Title))');
      assert.equal(s.target.part, 'body');
      assert.equal(r.request!.bodyText!.slice(s.target.start, s.target.end), 'x\\"y');
      assert.equal(s.value, 'x"y');
    }
  });
});

describe('renderMacro: typed values ((Tag)):number|boolean|json', () => {
  const body = { n: '((N)):number', b: '((B)):boolean', j: '((J)):json', s: '((N))', notTyped: '((N)):number ' };
  it('writes a JSON number / boolean / value only when the string is exactly ((Tag)):type', () => {
    const r = render(macro({ method: 'POST', url: 'https://x.test', body }), { N: '17', B: 'TRUE', J: '{"a":[1,2]}' });
    assert.deepEqual(r.problems, []);
    const v = JSON.parse(r.request!.bodyText!);
    assert.deepEqual(v, { n: 17, b: true, j: { a: [1, 2] }, s: '17', notTyped: '17:number ' });
  });
  it('passes sample numbers, booleans and lists through as JSON', () => {
    const r = render(macro({ method: 'POST', url: 'https://x.test', body }), { N: 3.25, B: false, J: ['x', 2] });
    assert.deepEqual(JSON.parse(r.request!.bodyText!), {
      n: 3.25,
      b: false,
      j: ['x', 2],
      s: '3.25',
      notTyped: '3.25:number ',
    });
  });
  it('refuses a value that is not of the type, at the tag', () => {
    const text = macro({ method: 'POST', url: 'https://x.test', body });
    const r = render(text, { N: '12abc', B: 'yes', J: '{nope' });
    assert.equal(r.request, undefined);
    assert.deepEqual(codes(r), ['render/typed-value', 'render/typed-value', 'render/typed-value']);
    assert.equal(text.slice(r.problems[0].range.start, r.problems[0].range.end), '((N))');
    assert.match(r.problems[0].message, /needs a number value/);
  });
  it('sends an empty value as null, with a warning', () => {
    const r = render(macro({ method: 'POST', url: 'https://x.test', body: { n: '((N)):number' } }), { N: '' });
    assert.deepEqual(JSON.parse(r.request!.bodyText!), { n: null });
    assert.deepEqual(codes(r), ['render/typed-empty']);
  });
  it('indents multi-line JSON values to their place', () => {
    const r = render(macro({ method: 'POST', url: 'https://x.test', body: { o: { j: '((J)):json' } } }), {
      J: ['a', 'b'],
    });
    assert.equal(r.request!.bodyText, '{\n  "o": {\n    "j": [\n      "a",\n      "b"\n    ]\n  }\n}');
  });
});

describe('renderMacro: missing tags', () => {
  it('reports every missing tag occurrence with its location, and renders nothing', () => {
    const text = macro({
      method: 'POST',
      url: 'https://x.test/((Project Name))',
      headers: { 'X-A': '((Title))' },
      body: { a: '((Title)) ((Nope))' },
    });
    const r = render(text, {});
    assert.equal(r.request, undefined);
    assert.deepEqual(codes(r), Array(4).fill('render/missing-tag'));
    assert.deepEqual(
      r.problems.map(p => text.slice(p.range.start, p.range.end)),
      ['((Project Name))', '((Title))', '((Title))', '((Nope))'],
    );
  });
  it('renders missing tags empty with allowMissing', () => {
    const r = render(
      macro({ method: 'POST', url: 'https://x.test', body: { a: '[((Nope))]' } }),
      {},
      { allowMissing: true },
    );
    assert.deepEqual(r.problems, []);
    assert.equal(JSON.parse(r.request!.bodyText!).a, '[]');
  });
  it('does not take values from Object.prototype', () => {
    const r = render(macro({ method: 'POST', url: 'https://x.test', body: { a: '((constructor))((toString))' } }), {});
    assert.deepEqual(codes(r), ['render/missing-tag', 'render/missing-tag']);
  });
  it('leaves out a value that is not a sample value (an object, a function), as the sample reader does: never throws', () => {
    const text = macro({
      method: 'POST',
      url: 'https://x.test/((A))',
      headers: { 'X-A': '((A))' },
      body: { a: '((A))', n: '((A)):number', j: '((A)):json' },
    });
    // `{ toString: "" }` made String() throw in valueText; a list holding an object made the :json writer throw.
    const junk: unknown[] = [{ toString: '' }, { a: 1 }, [{ toString: '' }], () => 'x', Object.create(null), [1n]];
    for (const v of junk)
      for (const target of ['generic', 'slack', 'teams'] as const) {
        const r = render(text, { A: v } as unknown as SampleItem, { target });
        assert.deepEqual([...new Set(codes(r))], ['render/missing-tag'], String(target));
        const empty = render(text, { A: v } as unknown as SampleItem, { target, allowMissing: true });
        assert.equal(JSON.parse(empty.request!.bodyText!).a, '');
      }
  });
});

describe('renderMacro: URL', () => {
  it('percent-encodes values in the path (slash too) and in the query', () => {
    const r = render(macro({ method: 'GET', url: 'https://x.test/issues/((P))/view?q=((Q))&x=1#((F))' }), {
      P: 'a/b c?',
      Q: 'x&y=z+ü',
      F: '#',
    });
    assert.equal(r.request!.url, 'https://x.test/issues/a%2Fb%20c%3F/view?q=x%26y%3Dz%2B%C3%BC&x=1#%23');
    const u = new URL(r.request!.url);
    assert.equal(u.searchParams.get('q'), 'x&y=z+ü');
    assert.equal(decodeURIComponent(u.pathname.split('/')[2]), 'a/b c?');
  });
  it('refuses a broken character (lone surrogate) in a URL value at the tag, never sending U+FFFD', () => {
    const text = macro({ method: 'GET', url: 'https://x.test/?q=((Q))' });
    const r = render(text, { Q: 'a\ud800b' });
    assert.equal(r.request, undefined);
    assert.deepEqual(codes(r), ['render/lone-surrogate']);
    assert.equal(r.problems[0].severity, 'error');
    assert.match(r.problems[0].message, /U\+D800/);
    assert.equal(text.slice(r.problems[0].range.start, r.problems[0].range.end), '((Q))');
  });

  it('keeps ${secret:…} placeholders verbatim and records where they are', () => {
    const r = render(macro({ method: 'POST', url: '${secret:HOOK}/((T))', body: {} }), { T: '${secret:OTHER}' });
    const req = r.request!;
    assert.equal(req.url, '${secret:HOOK}/%24%7Bsecret%3AOTHER%7D');
    assert.deepEqual(req.placeholders, [{ part: 'url', start: 0, end: 14, kind: 'secret', name: 'HOOK' }]);
  });
});

describe('renderMacro: headers', () => {
  for (const bad of ['a\r\nX-Evil: 1', 'a\nb', 'a\rb', 'a\u0000b']) {
    it(`refuses a value with ${JSON.stringify(bad)} (header injection), pointing at the tag`, () => {
      const text = macro({ method: 'POST', url: 'https://x.test', headers: { 'X-Title': 'T: ((Title))' }, body: {} });
      const r = render(text, { Title: bad });
      assert.equal(r.request, undefined);
      assert.deepEqual(codes(r), ['render/header-injection']);
      assert.equal(text.slice(r.problems[0].range.start, r.problems[0].range.end), '((Title))');
    });
  }
  it('refuses characters HTTP clients cannot send in a header (beyond Latin-1, control characters), but keeps Latin-1 and tabs', () => {
    const text = macro({ method: 'POST', url: 'https://x.test', headers: { 'X-Name': '((Name))' }, body: {} });
    for (const [bad, shown] of [
      ['山田', 'U+5C71'],
      ['a\u0001', 'U+0001'],
      ['🔥', 'U+1F525'],
      ['x\u007f', 'U+007F'],
    ]) {
      const r = render(text, { Name: bad });
      assert.deepEqual(codes(r), ['render/header-bad-character']);
      assert.ok(r.problems[0].message.includes(shown), r.problems[0].message);
      assert.equal(text.slice(r.problems[0].range.start, r.problems[0].range.end), '((Name))');
    }
    assert.equal(render(text, { Name: 'Zoë\tÑ' }).request!.headers[0].value, 'Zoë\tÑ');
  });

  it('fills header values as they are and records placeholders after substituted text', () => {
    const r = render(
      macro({ method: 'POST', url: 'https://x.test', headers: { 'X-A': '((T)) ${env:TOKEN}' }, body: {} }),
      { T: 'long value' },
    );
    assert.deepEqual(r.request!.headers[0], { name: 'X-A', value: 'long value ${env:TOKEN}' });
    assert.deepEqual(r.request!.placeholders, [
      { part: 'header', headerIndex: 0, start: 11, end: 23, kind: 'env', name: 'TOKEN' },
    ]);
  });
  it('adds a default Content-Type for the body format only when the macro sets none', () => {
    const a = render(macro({ method: 'POST', url: 'https://x.test', body: {} }), {});
    assert.deepEqual(a.request!.headers, [{ name: 'Content-Type', value: 'application/json; charset=utf-8' }]);
    const b = render(
      macro({
        method: 'POST',
        url: 'https://x.test',
        headers: { 'content-type': 'application/vnd.api+json' },
        body: {},
      }),
      {},
    );
    assert.deepEqual(b.request!.headers, [{ name: 'content-type', value: 'application/vnd.api+json' }]);
    assert.equal(b.request!.contentType, 'application/vnd.api+json');
    const c = render(macro({ method: 'GET', url: 'https://x.test' }), {});
    assert.deepEqual(c.request!.headers, []);
    assert.equal(c.request!.bodyText, undefined);
  });
});

describe('renderMacro: form, text and xml bodies', () => {
  it('form-encodes field names and values exactly as URLSearchParams would', () => {
    const r = render(
      macro({
        method: 'POST',
        url: 'https://x.test',
        bodyFormat: 'form',
        body: { 'a b': '((T)) & more', n: 5, t: true },
      }),
      { T: "x=y&z+'!~*" },
    );
    const text = r.request!.bodyText!;
    assert.equal(text, new URLSearchParams({ 'a b': "x=y&z+'!~* & more", n: '5', t: 'true' }).toString());
    assert.equal(r.request!.contentType, 'application/x-www-form-urlencoded');
  });
  it('refuses nested form values', () => {
    const r = render(macro({ method: 'POST', url: 'https://x.test', bodyFormat: 'form', body: { a: { b: 1 } } }), {});
    assert.deepEqual(codes(r), ['render/form-nested']);
  });
  it('inserts text values raw', () => {
    const r = render(macro({ method: 'POST', url: 'https://x.test', bodyFormat: 'text', body: 'Hi <((T))> \\((x))' }), {
      T: 'a & "b"\n',
    });
    assert.equal(r.request!.bodyText, 'Hi <a & "b"\n> ((x))');
    assert.equal(r.request!.contentType, 'text/plain; charset=utf-8');
  });
  it('XML-escapes values but not the authored markup', () => {
    const r = render(
      macro({ method: 'POST', url: 'https://x.test', bodyFormat: 'xml', body: '<a t="((T))">((T))</a>' }),
      { T: `<b>&"'` },
    );
    assert.equal(r.request!.bodyText, '<a t="&lt;b&gt;&amp;&quot;&apos;">&lt;b&gt;&amp;&quot;&apos;</a>');
  });
  it('requires a string body for text and xml', () => {
    const r = render(macro({ method: 'POST', url: 'https://x.test', bodyFormat: 'xml', body: { a: 1 } }), {});
    assert.deepEqual(codes(r), ['render/body-not-text']);
  });
});

describe('renderMacro: Slack', () => {
  const slackBody = { text: '<!here> ((T))', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*((T))*' } }] };
  it('escapes & < > in values (not in authored text) for a hooks.slack.com URL', () => {
    const r = render(macro({ method: 'POST', url: 'https://hooks.slack.com/services/${secret:P}', body: slackBody }), {
      T: '<!channel> & <http://evil|x>',
    });
    assert.equal(r.target, 'slack');
    const v = JSON.parse(r.request!.bodyText!);
    assert.equal(v.text, '<!here> &lt;!channel&gt; &amp; &lt;http://evil|x&gt;');
    assert.equal(v.blocks[0].text.text, '*&lt;!channel&gt; &amp; &lt;http://evil|x&gt;*');
  });
  it('is decided by "target" (or the version-1 "slack": true) for a URL held in a secret, and can be forced or refused', () => {
    const plain = macro({ method: 'POST', url: '${secret:HOOK}', body: slackBody });
    assert.equal(render(plain, { T: '<x>' }).target, 'generic');
    assert.equal(JSON.parse(render(plain, { T: '<x>' }).request!.bodyText!).text, '<!here> <x>');
    const inSecret = (extra: Record<string, unknown>) =>
      macro({ method: 'POST', url: '${secret:HOOK}', body: slackBody }, extra);
    assert.equal(render(inSecret({ slack: true }), { T: '<x>' }).target, 'slack');
    assert.equal(render(inSecret({ target: 'slack' }), { T: '<x>' }).target, 'slack');
    assert.equal(render(inSecret({ target: 'generic', slack: true }), { T: '<x>' }).target, 'generic', 'target wins');
    assert.equal(render(plain, { T: '<x>' }, { target: 'slack' }).target, 'slack');
    const off = macro({ method: 'POST', url: 'https://hooks.slack.com/services/x', body: slackBody }, { slack: false });
    assert.equal(render(off, { T: '<x>' }).target, 'generic');
    assert.equal(
      render(macro({ method: 'POST', url: 'https://hooks.slack.com.evil.test/x', body: slackBody }), { T: '' }).target,
      'generic',
    );
  });
  it('still renders what Slack would refuse; the Slack check (not the render) reports it, at the right node', async () => {
    const blocks = Array.from({ length: 51 }, () => ({ type: 'section', text: { type: 'mrkdwn', text: '((T))' } }));
    const text = macro({
      method: 'POST',
      url: 'https://hooks.slack.com/services/x',
      body: { blocks, text: '((T))((T))((T))((T))((T))((T))((T))((T))((T))((T))((T))((T))((T))((T))' },
    });
    const parsed = parseMacro(text);
    const r = renderMacro(parsed, { sample: { T: 'x'.repeat(3001) } });
    assert.ok(r.request, 'the request is still made (a send shows Slack its own answer)');
    assert.deepEqual(codes(r), [], 'rendering does not judge the payload');
    const checked = await checkTargetPayload(parsed, r);
    const c = checked.map(p => p.code);
    assert.ok(c.includes('render/slack-too-many-blocks'));
    assert.ok(c.includes('render/slack-text-too-long'));
    assert.equal(c.filter(x => x === 'render/slack-section-too-long').length, 51);
    const first = checked.find(p => p.code === 'render/slack-section-too-long')!;
    assert.equal(first.severity, 'error', 'Slack refuses it: invalid_blocks');
    assert.equal(checked.find(p => p.code === 'render/slack-text-too-long')!.severity, 'warning', 'Slack cuts it');
    assert.equal(text.slice(first.range.start, first.range.end), '"((T))"');
    const none = macro({ method: 'POST', url: 'https://hooks.slack.com/services/x', body: { attachments: [] } });
    const nothing = renderMacro(parseMacro(none), { sample: {} });
    assert.deepEqual(
      (await checkTargetPayload(parseMacro(none), nothing)).map(p => p.code),
      ['render/slack-no-text'],
    );
  });
});

describe('renderMacro: broken macros', () => {
  it('returns syntax errors, located, and no request', () => {
    const r = render('{"name": "t", "request": {"url": "https://x.test", ', {});
    assert.equal(r.request, undefined);
    assert.ok(r.problems.length > 0 && r.problems.every(p => p.code.startsWith('syntax/')));
  });
  it('explains a missing request or url', () => {
    assert.deepEqual(codes(render('{"name":"t"}', {})), ['render/no-request']);
    assert.deepEqual(codes(render('{"name":"t","request":{"method":"GET"}}', {})), ['render/no-url']);
  });
});

describe('typed value check (validate)', () => {
  it('warns about a misspelt type and about typed tags outside a JSON body', async () => {
    const { typedValueCheck } = await import('../../../src/core/check/typedValues');
    const { LineIndex } = await import('../../../src/core/common/text');
    const run = (text: string) => {
      const parsed = parseMacro(text);
      return typedValueCheck.run({
        parsed,
        options: { path: '/m.ccmacro.json' },
        env: undefined as never,
        dir: '/',
        lines: new LineIndex(parsed.text),
        shared: {},
      }) as Problem[];
    };
    const a = run(
      macro({
        method: 'POST',
        url: 'https://x.test/((Feedback ID)):number',
        headers: { 'X-Id': '((Feedback ID)):number' },
        body: { a: '((Feedback ID)):numbr', b: '((Feedback ID)):number', c: 'x ((Feedback ID)):number' },
      }),
    );
    assert.deepEqual(
      a.map(p => p.code),
      ['render/typed-not-json', 'render/typed-unknown'],
    );
    assert.match(a[1].message, /did you mean :number\?/);
    const form = run(
      macro({ method: 'POST', url: 'https://x.test', bodyFormat: 'form', body: { a: '((Feedback ID)):boolean' } }),
    );
    assert.deepEqual(
      form.map(p => p.code),
      ['render/typed-not-json'],
    );
  });
});

describe('renderMacro: the size of the body', () => {
  const at = (text: string, r: RenderResult) =>
    r.problems.map(p => [p.code, p.severity, text.slice(p.range.start, p.range.end).slice(0, 12)]);

  it('refuses a JSON body that re-indentation would make over 10 MB, at the body, without writing it out', () => {
    // 120 lists deep, written on one line: each level adds two spaces to every line inside it once re-indented.
    const unit = '['.repeat(120) + '"((Title))"' + ']'.repeat(120);
    const body = `[${Array.from({ length: 700 }, () => unit).join(',')}]`;
    const text = `{ "name": "T", "request": { "method": "POST", "url": "https://x.test", "body": ${body} } }`;
    assert.ok(text.length < 200_000);
    const r = render(text, { Title: 'v' });
    assert.equal(r.request, undefined);
    assert.deepEqual(at(text, r), [['render/body-too-large', 'error', '[[[[[[[[[[[[']]);
    assert.match(
      r.problems[0].message,
      /^The body would be over 10 MB \(10,485,760 bytes\) written out as JSON, before/,
    );
    // A tenth of it renders: the limit is the body's size, not its depth.
    const small = text.replace(body, `[${Array.from({ length: 70 }, () => unit).join(',')}]`);
    const ok = render(small, { Title: 'v' });
    assert.deepEqual(ok.problems, []);
    assert.ok(Buffer.byteLength(ok.request!.bodyText!) > 1_000_000);
  });

  it("refuses a body that a sample item's values make over 10 MB (in UTF-8 bytes), whatever the format", () => {
    const text = macro({ method: 'POST', url: 'https://x.test', bodyFormat: 'text', body: '((A))((A))((A))' });
    const mb = (n: number, ch = 'x') => ch.repeat(n * 1024 * 1024);
    // 3 x 3 MB = 9 MB: sent; 3 x 4 MB: refused before the last copy is appended.
    assert.deepEqual(render(text, { A: mb(3) }).problems, []);
    const over = render(text, { A: mb(4) });
    assert.equal(over.request, undefined);
    assert.deepEqual(at(text, over), [['render/body-too-large', 'error', '"((A))((A))(']]);
    assert.match(over.problems[0].message, /once this sample item's values are filled in/);
    // 3 x 1.5 M characters of 3 bytes each: under 10 M characters, over 10 MB on the wire.
    const wide = render(text, { A: mb(1.5, '€') });
    assert.deepEqual(codes(wide), ['render/body-too-large']);
  });
});

describe('renderMacro: the method and header names', () => {
  it('refuses a header name that is not an HTTP token, at the name, so {"X-A: b": "c"} and {"X-A": "b: c"} differ', () => {
    const colon = macro({ method: 'POST', url: 'https://x.test', headers: { 'X-A: b': 'c' } });
    const r = render(colon, {});
    assert.equal(r.request, undefined);
    assert.deepEqual(
      r.problems.map(p => [p.code, colon.slice(p.range.start, p.range.end)]),
      [['render/bad-header-name', '"X-A: b"']],
    );
    const fine = render(macro({ method: 'POST', url: 'https://x.test', headers: { 'X-A': 'b: c' } }), {});
    assert.deepEqual(fine.problems, []);
    assert.deepEqual(fine.request!.headers, [{ name: 'X-A', value: 'b: c' }]);
    for (const name of ['X A', '', 'X\nB', 'Ü'])
      assert.deepEqual(
        codes(render(macro({ method: 'GET', url: 'https://x.test', headers: { [name]: 'v' } }), {})),
        ['render/bad-header-name'],
        name,
      );
  });

  it("refuses a method that is not one of the schema's, at the method; the schema's list is the render's", () => {
    for (const method of ['--output', 'CONNECT', 'GE T']) {
      const text = macro({ method, url: 'https://x.test' });
      const r = render(text, {});
      assert.equal(r.request, undefined, method);
      assert.deepEqual(
        r.problems.map(p => [p.code, text.slice(p.range.start, p.range.end)]),
        [['render/bad-method', JSON.stringify(method)]],
      );
    }
    assert.equal(render(macro({ method: 'PATCH', url: 'https://x.test' }), {}).request!.method, 'PATCH');
    const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas/ccmacro.schema.json'), 'utf8'));
    assert.deepEqual(schema.properties.request.properties.method.enum, HTTP_METHODS);
    assert.equal(schema.properties.request.properties.headers.propertyNames.pattern, HTTP_TOKEN.source);
  });
});
