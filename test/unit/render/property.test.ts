import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { parseMacro } from '../../../src/core/macro/parse';
import { renderMacro } from '../../../src/core/targets/render';
import { hasLoneSurrogate } from '../../../src/core/render/encode';
import { slackEscape } from '../../../src/core/targets/slack/escape';
import { parseXmlStrict } from './xmlTree';

/** The problem codes of a render, errors only. */
const errorCodes = (r: { problems: Array<{ code: string; severity: string }> }) =>
  r.problems.filter(p => p.severity === 'error').map(p => p.code);

/** Characters XML 1.0 cannot hold in any form. */
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

const RUNS = { numRuns: 500 };

// Strings that stress every encoder: the nasty characters, whole code points, and lone surrogate halves.
const nasty = fc.constantFrom(
  '"',
  '\\',
  '\n',
  '\r',
  '\t',
  '\u0000',
  '\u001f',
  '\u2028',
  '\u2029',
  '((',
  '))',
  '\\((',
  '((Title))',
  '<',
  '>',
  '&',
  "'",
  '%',
  '+',
  '/',
  '?',
  '#',
  '=',
  '${secret:X}',
  '🔥',
  '\ud800',
  '\udfff',
  ' ',
);
const value = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map(c => String.fromCharCode(c)), maxLength: 20 }),
  fc.array(nasty, { maxLength: 12 }).map(a => a.join('')),
);
// Tag names as the scanner allows them: no parentheses or control characters, no spaces/tabs at the ends.
const tagName = fc
  .string({ unit: 'binary', minLength: 1, maxLength: 12 })
  .map(s => s.replace(/[()\u0000-\u001f\u007f\u2028\u2029]/g, 'x').trim())
  .filter(s => s.length > 0 && !s.startsWith(':'));

function macroText(request: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ name: 'P', ...extra, request });
}

describe('render properties', () => {
  it('JSON bodies always parse and every value round-trips exactly (any tag names, any values)', () => {
    fc.assert(
      fc.property(tagName, tagName, value, value, fc.boolean(), (n1, n2, v1, v2, slack) => {
        const body = {
          a: `pre ((${n1})) mid ((${n2})) post`,
          list: [`((${n1}))`, 1, { deep: `((${n2}))((${n1}))` }],
          [`k"\\`]: 'lit "\\((x))',
        };
        const text = macroText({ method: 'POST', url: 'https://x.test', body });
        const sample = { [n1]: v1, [n2]: v2 };
        const r = renderMacro(parseMacro(text), { sample, target: slack ? 'slack' : 'generic' });
        const s1 = n1 === n2 ? v2 : v1;
        // Half a surrogate pair: JSON would carry it only as a \udXXX escape no UTF-8 reader can use; refused.
        if (hasLoneSurrogate(s1) || hasLoneSurrogate(v2)) {
          assert.equal(r.request, undefined);
          assert.ok(errorCodes(r).length > 0 && errorCodes(r).every(c => c === 'render/lone-surrogate'));
          return;
        }
        assert.deepEqual(
          r.problems.filter(p => p.severity === 'error'),
          [],
        );
        const out = JSON.parse(r.request!.bodyText!);
        const enc = (v: string) => (slack ? slackEscape(v) : v);
        assert.equal(out.a, `pre ${enc(s1)} mid ${enc(v2)} post`);
        assert.equal(out.list[0], enc(s1));
        assert.equal(out.list[2].deep, enc(v2) + enc(s1));
        assert.equal(out['k"\\'], 'lit "((x))');
        for (const s of r.substitutions) {
          assert.equal(JSON.parse('"' + r.request!.bodyText!.slice(s.target.start, s.target.end) + '"'), enc(s.value));
          // The source range covers the tag as written in the file, escapes included (\" for a quote).
          assert.equal(JSON.parse('"' + text.slice(s.source.start, s.source.end) + '"'), `((${s.tag}))`);
        }
        assert.deepEqual(Array.from(r.request!.body!), Array.from(new TextEncoder().encode(r.request!.bodyText!)));
      }),
      RUNS,
    );
  });

  it('a header value with CR, LF or NUL is always refused as injection; other unsendable characters are refused; the rest is kept exactly', () => {
    fc.assert(
      fc.property(value, v => {
        const r = renderMacro(
          parseMacro(macroText({ method: 'POST', url: 'https://x.test', headers: { 'X-V': 'a ((V)) b' }, body: {} })),
          { sample: { V: v } },
        );
        if (hasLoneSurrogate(v)) {
          assert.equal(r.request, undefined);
          assert.deepEqual(errorCodes(r), ['render/lone-surrogate']);
        } else if (/[\r\n\0]/.test(v)) {
          assert.equal(r.request, undefined);
          assert.deepEqual(
            r.problems.map(p => p.code),
            ['render/header-injection'],
          );
        } else if (/[^\t\x20-\x7e\x80-\xff]/.test(v)) {
          assert.deepEqual(
            r.problems.map(p => p.code),
            ['render/header-bad-character'],
          );
        } else {
          assert.equal(r.request!.headers[0].value, `a ${v} b`);
        }
      }),
      RUNS,
    );
  });

  it('URL values always decode back, in the path and in the query, without changing the URL structure', () => {
    fc.assert(
      fc.property(value, value, (p, q) => {
        const r = renderMacro(parseMacro(macroText({ method: 'GET', url: 'https://x.test/a/((P))/b?q=((Q))&z=1' })), {
          sample: { P: p, Q: q },
        });
        // Refused, never changed: a broken character, or a path segment URL parsers would remove.
        const expected = [
          ...(hasLoneSurrogate(p) ? ['render/lone-surrogate'] : []),
          ...(hasLoneSurrogate(q) ? ['render/lone-surrogate'] : []),
          ...(!hasLoneSurrogate(p) && (p === '.' || p === '..') ? ['render/url-dot-segment'] : []),
        ];
        if (expected.length) {
          assert.equal(r.request, undefined);
          assert.deepEqual(errorCodes(r).sort(), expected.sort());
          return;
        }
        const u = new URL(r.request!.url);
        assert.equal(u.href, r.request!.url, 'the URL is sent exactly as rendered (WHATWG parsing changes nothing)');
        assert.equal(u.host, 'x.test');
        const segs = u.pathname.split('/');
        assert.equal(segs.length, 4);
        assert.equal(decodeURIComponent(segs[2]), p);
        assert.deepEqual([...u.searchParams.keys()], ['q', 'z']);
        // URLSearchParams reads + as space; decodeURIComponent is the exact inverse of what was written.
        assert.equal(decodeURIComponent(u.search.slice(3, u.search.indexOf('&z=1'))), q);
      }),
      RUNS,
    );
  });

  it('form values always decode back with URLSearchParams', () => {
    fc.assert(
      fc.property(value, value, (k, v) => {
        const r = renderMacro(
          parseMacro(
            macroText({ method: 'POST', url: 'https://x.test', bodyFormat: 'form', body: { [k]: '((V))', z: '1' } }),
          ),
          { sample: { V: v } },
        );
        if (hasLoneSurrogate(k) || hasLoneSurrogate(v)) {
          assert.equal(r.request, undefined);
          assert.ok(errorCodes(r).length > 0 && errorCodes(r).every(c => c === 'render/lone-surrogate'));
          return;
        }
        const params = [...new URLSearchParams(r.request!.bodyText!)];
        assert.deepEqual(params, [
          [k, v],
          ['z', '1'],
        ]);
      }),
      RUNS,
    );
  });

  it('XML bodies are well-formed for every value, and a strict XML reader gets each value back exactly (text, attributes, CDATA)', () => {
    const body =
      '<?xml version="1.0"?>\n<a x="((V))" y=\'pre ((V)) post\'><!-- note --><t>((V))</t><c><![CDATA[((V))]]></c>mixed ((V)) &amp; text</a>';
    fc.assert(
      fc.property(value, v => {
        const r = renderMacro(
          parseMacro(macroText({ method: 'POST', url: 'https://x.test', bodyFormat: 'xml', body })),
          {
            sample: { V: v },
          },
        );
        if (hasLoneSurrogate(v)) {
          assert.equal(r.request, undefined);
          assert.deepEqual([...new Set(errorCodes(r))], ['render/lone-surrogate']);
          return;
        }
        if (XML_FORBIDDEN.test(v)) {
          assert.equal(r.request, undefined);
          assert.deepEqual([...new Set(errorCodes(r))], ['render/xml-bad-character']);
          return;
        }
        assert.deepEqual(errorCodes(r), []);
        const root = parseXmlStrict(r.request!.bodyText!);
        assert.equal(root.attrs.x, v);
        assert.equal(root.attrs.y, `pre ${v} post`);
        const [t, c] = root.children.filter(x => typeof x === 'object');
        assert.equal(typeof t === 'object' && t.text, v);
        assert.equal(typeof c === 'object' && c.text, v);
        assert.equal(root.text, `mixed ${v} & text`);
      }),
      RUNS,
    );
  });

  it('XML: a tag inside markup (a tag name, an unquoted attribute, a comment) is refused whatever its value', () => {
    for (const body of ['<((V))/>', '<a x=((V))/>', '<a><!-- ((V)) --></a>', '<?pi ((V))?><a/>']) {
      const r = renderMacro(parseMacro(macroText({ method: 'POST', url: 'https://x.test', bodyFormat: 'xml', body })), {
        sample: { V: 'plain' },
      });
      assert.deepEqual(errorCodes(r), ['render/xml-tag-position'], body);
    }
  });

  it('never throws, whatever the file and the sample hold', () => {
    const jsonish = fc.oneof(
      fc.json(),
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc
        .json()
        .map(
          j =>
            `{"name":"f","request":{"method":"POST","url":"https://x.test/((A))","headers":{"h":"((A))"},"body":${j}}}`,
        ),
      fc
        .tuple(fc.json(), fc.constantFrom('json', 'form', 'text', 'xml', 'nope'))
        .map(
          ([j, f]) => `{"request":{"url":"((A)):number","bodyFormat":"${f}","body":${j},"headers":${j}},"slack":true}`,
        ),
    );
    const anyValue: fc.Arbitrary<unknown> = fc.oneof(
      value,
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(value),
      fc.object(),
      // Objects String() and JSON.stringify() trip over ({ toString: "" } once threw in valueText).
      fc.dictionary(fc.constantFrom('toString', 'valueOf', 'toJSON', 'length', '0'), fc.anything()),
      fc.array(fc.dictionary(fc.constantFrom('toString', 'valueOf'), fc.anything())),
    );
    fc.assert(
      fc.property(
        jsonish,
        fc.dictionary(fc.constantFrom('A', 'B', 'Title', '__proto__', 'constructor'), anyValue),
        fc.boolean(),
        (text, sample, allowMissing) => {
          const r = renderMacro(parseMacro(text), { sample: sample as never, allowMissing });
          assert.ok(Array.isArray(r.problems));
          if (r.request?.bodyText !== undefined) assert.ok(r.request.body instanceof Uint8Array);
        },
      ),
      RUNS,
    );
  });
});
