import { strict as assert } from 'node:assert';
import {
  scanTags,
  scanPlaceholders,
  scanMalformedPlaceholders,
  mayHoldTags,
  unescapeLiteralParens,
} from '../../../src/core/tags/scanner';

describe('tag scanner', () => {
  it('finds tags with exact offsets', () => {
    const v = 'New: ((Title)) by ((Submitter Name))';
    const t = scanTags(v);
    assert.deepEqual(t, [
      { kind: 'tag', start: 5, end: 14, name: 'Title', nameStart: 7, nameEnd: 12 },
      { kind: 'tag', start: 18, end: 36, name: 'Submitter Name', nameStart: 20, nameEnd: 34 },
    ]);
    assert.equal(v.slice(t[1].start, t[1].end), '((Submitter Name))');
  });

  it('ignores spaces and tabs around the name, but not inside it', () => {
    const [t] = scanTags('(( \tFeedback  ID \t))');
    assert.equal(t.kind, 'tag');
    assert.equal(t.kind === 'tag' && t.name, 'Feedback  ID');
    assert.equal(t.kind === 'tag' && t.nameStart, 4);
  });

  it('accepts unicode, punctuation and astral characters in names', () => {
    const names = ['Priorité', 'Submitter E-mail', '優先度', 'Score 🚀', 'a.b/c:d'];
    for (const n of names) {
      const t = scanTags(`x((${n}))y`);
      assert.deepEqual(
        t,
        [{ kind: 'tag', start: 1, end: 1 + n.length + 4, name: n, nameStart: 3, nameEnd: 3 + n.length }],
        n,
      );
    }
  });

  it('treats \\(( as an escaped literal', () => {
    assert.deepEqual(scanTags('a \\((Title)) b'), [{ kind: 'escape', start: 2, end: 5 }]);
    assert.equal(unescapeLiteralParens('a \\((Title)) b'), 'a ((Title)) b');
  });

  it('opens at the last two of a run of parentheses', () => {
    const t = scanTags('(((Title)))');
    assert.deepEqual(t, [{ kind: 'tag', start: 1, end: 10, name: 'Title', nameStart: 3, nameEnd: 8 }]);
  });

  it('reports an unterminated (( up to the end of the value or the line break', () => {
    assert.deepEqual(scanTags('Hi ((Title'), [
      { kind: 'unterminated', start: 3, end: 10, name: 'Title', nameStart: 5 },
    ]);
    assert.deepEqual(scanTags('((Title\nmore))'), [
      { kind: 'unterminated', start: 0, end: 7, name: 'Title', nameStart: 2 },
    ]);
  });

  it('a second (( before the close makes the first unterminated and keeps the later tag', () => {
    const t = scanTags('((Title and ((Name))');
    assert.deepEqual(t, [
      { kind: 'unterminated', start: 0, end: 12, name: 'Title and', nameStart: 2 },
      { kind: 'tag', start: 12, end: 20, name: 'Name', nameStart: 14, nameEnd: 18 },
    ]);
  });

  it('reports a single parenthesis inside a name as invalid', () => {
    assert.deepEqual(scanTags('((a(b))'), [
      { kind: 'invalid', start: 0, end: 7, name: 'a(b', nameStart: 2, nameEnd: 5, badChar: '(' },
    ]);
    assert.deepEqual(scanTags('((a)b))'), [
      { kind: 'invalid', start: 0, end: 7, name: 'a)b', nameStart: 2, nameEnd: 5, badChar: ')' },
    ]);
  });

  it('reports empty tags', () => {
    assert.deepEqual(scanTags('(())'), [{ kind: 'empty', start: 0, end: 4 }]);
    assert.deepEqual(scanTags('((  ))'), [{ kind: 'empty', start: 0, end: 6 }]);
  });

  it('leaves single parentheses and text alone', () => {
    assert.deepEqual(scanTags('f(x) (a) ) ( )) no tags'), []);
    assert.equal(mayHoldTags('a (b)'), false);
    assert.equal(mayHoldTags('a ((b'), true);
  });

  it('scans 1 MB with 50,000 tags exactly (linear: a quadratic scan would hit the test timeout)', () => {
    const chunk = 'Some text ((Title)) and ((Feedback ID)) ';
    const v = chunk.repeat(Math.ceil(1_000_000 / chunk.length));
    const t = scanTags(v);
    assert.equal(t.length, 2 * Math.ceil(1_000_000 / chunk.length));
    assert.ok(t.every(x => x.kind === 'tag' && v.slice(x.start, x.end) === `((${x.name}))`));
  });

  it('a 1 MB value with one unterminated (( does not go quadratic', () => {
    const v = '(('.padEnd(1_000_000, 'x');
    const t = scanTags(v);
    assert.equal(t.length, 1);
    assert.equal(t[0].kind, 'unterminated');
    assert.equal(t[0].end, 1_000_000);
  });

  it('many unterminated (( are scanned in linear time (16 MB: minutes if each searched the rest for a "))")', () => {
    // 16 MB of `((Title and some`: 1,048,576 openers, none ever closed. Searching the rest of the value for `))` once
    // per opener is 2^20 searches over up to 16 MB (about two minutes); a linear scan takes well under a second, so
    // mocha's timeout is what fails the quadratic scanner.
    const unit = '((Title and some';
    const count = (16 * 1024 * 1024) / unit.length;
    const v = unit.repeat(count);
    const t = scanTags(v);
    assert.equal(t.length, count);
    assert.ok(
      t.every((x, i) => x.kind === 'unterminated' && x.start === i * unit.length && x.name === 'Title and some'),
    );
  });

  it('finds placeholders and malformed ones', () => {
    assert.deepEqual(scanPlaceholders('https://x/${secret:TOKEN}?a=${env:HOME_1}'), [
      { kind: 'secret', name: 'TOKEN', start: 10, end: 25 },
      { kind: 'env', name: 'HOME_1', start: 28, end: 41 },
    ]);
    assert.deepEqual(
      scanMalformedPlaceholders('a ${secrets:X} ${secret:} ${env:OK} ${secret:1A}').map(m => m.text),
      ['${secrets:X}', '${secret:}', '${secret:1A}'],
    );
  });
});

describe('tag scanner: tabs', () => {
  it('a tab inside a name is invalid', () => {
    const [t] = scanTags('((a\tb))');
    assert.equal(t.kind, 'invalid');
    assert.equal(t.kind === 'invalid' && t.badChar, '\t');
  });
});
