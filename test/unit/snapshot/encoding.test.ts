import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import * as format from '../../../src/core/snapshot/format';
import {
  formatSnapshotBlock,
  formatSnapshotFile,
  itemKey,
  parseSnapshotFile,
  type SnapshotRequest,
} from '../../../src/core/snapshot/format';

/**
 * The snapshot text must tell every request apart: two requests that differ in any character are two different
 * snapshots (else a changed request passes `ccmacro test --ci`), and what a snapshot holds reads back exactly.
 */

const request = (bodyText?: string, url = 'https://x.test/hook', headerValue = 'text/plain'): SnapshotRequest => ({
  method: 'POST',
  url,
  headers: [{ name: 'Content-Type', value: headerValue }],
  ...(bodyText !== undefined ? { bodyText } : {}),
});
const block = (body?: string, url?: string, header?: string) =>
  formatSnapshotBlock({ key: 'samples/a.sample.json [0]', label: 'A', request: request(body, url, header) });

/** The body as the snapshot block holds it, read back with the snapshot's own decoding. */
function bodyOf(text: string): string | undefined {
  const decode = (format as unknown as { decodeSnapshotText?: (s: string) => string }).decodeSnapshotText;
  assert.ok(decode, 'format.ts exports decodeSnapshotText');
  const lines = text.split('\n');
  const blank = lines.indexOf('');
  if (blank < 0) return undefined;
  const rest = lines.slice(blank + 1);
  if (rest.length === 1 && rest[0] === '# (empty body)') return '';
  return decode(rest.join('\n'));
}

/** Characters and texts that look like each other's escapes: where a non-injective encoding collides. */
const TRICKY = [
  '\\',
  'r',
  'n',
  'u',
  'x',
  '0',
  '7',
  '2',
  '6',
  'c',
  '5',
  '#',
  '[',
  ']',
  ' ',
  '\t',
  '\r',
  '\n',
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u2028',
  '\u2060',
  '\ufeff',
  '\u240a',
  '\u240d',
  '\u2407',
  '\ufffd',
  '\ud800',
  '\udc00',
  '\ud83d\ude00',
];
const trickyChar = fc.constantFrom(...TRICKY);
/** Any UTF-16 code unit (lone surrogates too), any code point, or one of the tricky ones. */
const anyChar = fc.oneof(
  { arbitrary: trickyChar, weight: 4 },
  { arbitrary: fc.integer({ min: 0, max: 0xffff }).map(c => String.fromCharCode(c)), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 1 },
);
const text = (maxLength = 24) => fc.string({ unit: anyChar, maxLength });
/** Random bytes read as Latin-1 (each byte one character) and as UTF-8 (invalid sequences become U+FFFD). */
const bytesAsText = fc
  .uint8Array({ maxLength: 32 })
  .chain(b => fc.constantFrom(Buffer.from(b).toString('latin1'), Buffer.from(b).toString('utf8')));

describe('snapshot text encoding (injective)', () => {
  it('a character and the text of its escape are different snapshots', () => {
    const pairs: Array<[string, string]> = [
      ['a\rb', 'a\\rb'],
      ['a\r', 'a\\r'],
      ['a\r', 'a\u240d'],
      ['x\n', 'x\u240a'],
      ['x\n', 'x\\n'],
      ['\u2060', '\\u2060'],
      ['\u0007', '\\x07'],
      ['\u0007', '\u2407'],
      ['#x', '\\#x'],
      ['\\#x', '\\\\#x'],
      ['\ud800', '\\ud800'],
      ['\ud800', '\ufffd'],
    ];
    for (const [a, b] of pairs) {
      assert.notEqual(block(a), block(b), `${JSON.stringify(a)} and ${JSON.stringify(b)} make one snapshot`);
      assert.notEqual(block('{}', `https://x.test/${a}`), block('{}', `https://x.test/${b}`));
      assert.notEqual(block('{}', undefined, a), block('{}', undefined, b));
    }
  });

  it('keeps JSON bodies as they are: its own escapes are not doubled', () => {
    const json = '{\n  "text": "a \\"quoted\\" line\\nand C:\\\\Users\\\\x \\t tab"\n}';
    assert.deepEqual(block(json).split('\n').slice(4), json.split('\n'));
  });

  it('every text of up to 4 characters from an alphabet of lookalikes makes its own snapshot (body, URL, header)', () => {
    const alphabet = ['\\', 'r', 'n', '#', '[', ' ', '\r', '\n', '\u240a', '\u240d'];
    let all = [''];
    const texts = [''];
    for (let n = 1; n <= 4; n++) {
      all = all.flatMap(s => alphabet.map(c => s + c));
      texts.push(...all);
    }
    for (const where of ['body', 'url', 'header'] as const) {
      const seen = new Map<string, string>();
      for (const s of texts) {
        const b =
          where === 'body'
            ? block(s)
            : where === 'url'
              ? block('{}', `https://x.test/${s}`)
              : block('{}', undefined, s);
        const other = seen.get(b);
        assert.equal(
          other,
          undefined,
          `${JSON.stringify(other)} and ${JSON.stringify(s)} make one snapshot (${where})`,
        );
        seen.set(b, s);
      }
    }
  });

  it('property: random bytes as a body are never confused with a one-character change of them', () => {
    const lookalike = fc.constantFrom('\\r', '\\n', '\\x07', '\\u2060', '\u240a', '\u240d', '\\', '\\\\', '#', '\r');
    fc.assert(
      fc.property(bytesAsText, fc.nat(), lookalike, (a, at, insert) => {
        const i = a.length ? at % (a.length + 1) : 0;
        const b = a.slice(0, i) + insert + a.slice(i + 1);
        fc.pre(a !== b);
        assert.notEqual(block(a), block(b));
      }),
      { numRuns: 2000 },
    );
  });

  it('property: a body reads back exactly from the snapshot, which is plain UTF-8 without raw control characters', () => {
    fc.assert(
      fc.property(fc.oneof(text(40), bytesAsText), body => {
        const b = block(body);
        assert.equal(bodyOf(b), body);
        assert.equal(Buffer.from(b, 'utf8').toString('utf8'), b, 'no lone surrogate: the file holds what was written');
        assert.ok(!/[\r\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u2060\ufeff]/.test(b), JSON.stringify(b));
        const file = formatSnapshotFile('/w/m.ccmacro.json', [b]);
        assert.deepEqual(
          parseSnapshotFile(file.replace(/\n/g, '\r\n')).items.map(i => i.block),
          [b],
          'a CRLF checkout reads the same',
        );
      }),
      { numRuns: 2000 },
    );
  });
});

describe('snapshot keys round-trip for any sample name and title', () => {
  it('a sample named "beta [2] bugs.sample.json" keeps its key', () => {
    const key = itemKey('samples/beta [2] bugs.sample.json', 0);
    const b = formatSnapshotBlock({ key, label: 'Crash [iOS] ### now', request: request('x') });
    const [item] = parseSnapshotFile(formatSnapshotFile('/w/m.ccmacro.json', [b])).items;
    assert.equal(item.key, key);
    assert.equal(item.block, b);
  });

  it('property: any sample name and title (brackets, ###, line breaks, broken characters) reads back as its key', () => {
    const spec = fc.oneof(
      text(16),
      fc.constantFrom('beta [2] bugs.sample.json', '### x [1] y', 'a\nb', '\\[0]', 'a\\', 'x ]', ' [3]', '\udcff.json'),
    );
    fc.assert(
      fc.property(
        fc.array(fc.record({ spec, label: text(16), body: fc.option(text(12), { nil: undefined }) }), {
          maxLength: 4,
        }),
        items => {
          const written = items.map((it, i) => ({
            key: itemKey(it.spec, i),
            block: formatSnapshotBlock({ key: itemKey(it.spec, i), label: it.label, request: request(it.body) }),
          }));
          const file = formatSnapshotFile(
            '/w/m.ccmacro.json',
            written.map(w => w.block),
          );
          const read = parseSnapshotFile(file).items;
          assert.deepEqual(
            read.map(r => [r.key, r.block]),
            written.map(w => [w.key, w.block]),
          );
        },
      ),
      { numRuns: 1500 },
    );
  });
});
