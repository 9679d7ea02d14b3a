import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseTree } from 'jsonc-parser';
import { decodeStringNode } from '../../../src/core/macro/sites';
import { StringLiteral } from '../../../src/core/tags/literal';

function node(text: string) {
  const root = parseTree(text)!;
  return root.children![0].children![1];
}

describe('StringLiteral (lazy value offsets)', () => {
  it('maps every value index like the exact decoder, for arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.boolean(), (s, asciiOnly) => {
        const lit = asciiOnly
          ? JSON.stringify(s).replace(/[\u007f-\uffff]/g, c => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'))
          : JSON.stringify(s);
        const text = `{"k": ${lit}}`;
        const n = node(text);
        const exact = decodeStringNode(text, n);
        const lazy = new StringLiteral(text, n);
        assert.equal(lazy.value, exact.value);
        assert.equal(lazy.value, s);
        for (let i = 0; i <= s.length; i++)
          assert.equal(lazy.offsetAt(i), exact.sourceOffsets[i], `index ${i} of ${lit}`);
        // Going back resets the walk.
        if (s.length) assert.equal(lazy.offsetAt(0), exact.sourceOffsets[0]);
      }),
      { numRuns: 300 },
    );
  });

  it('falls back to the exact decoder for literals JSON.parse refuses', () => {
    const text = '{"k": "a\tb ((T))"}'; // a raw tab is not valid JSON
    const n = node(text);
    const lazy = new StringLiteral(text, n);
    assert.equal(lazy.value, 'a\tb ((T))');
    assert.deepEqual(lazy.range(4, 9), { start: 11, end: 16 });
  });
});
