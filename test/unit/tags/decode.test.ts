import { strict as assert } from 'node:assert';
import { parseMacro } from '../../../src/core/macro/parse';
import { collectStringSites, decodeStringNode } from '../../../src/core/macro/sites';
import { scanTags } from '../../../src/core/tags/scanner';
import { documentRange } from '../../../src/core/tags/locate';

describe('tag offsets through JSON escapes', () => {
  it('maps tags after escapes back to the document', () => {
    const text =
      '{"name":"x","request":{"method":"POST","url":"https://x","body":{"t":"\\"q\\" \\u00e9 \\\\((no)) ((Title)) \\n((Feedback ID))"}}}';
    const parsed = parseMacro(text);
    const site = collectStringSites(parsed).find(s => s.kind === 'body')!;
    const d = decodeStringNode(text, site.node);
    const tokens = scanTags(d.value);
    assert.deepEqual(
      tokens.map(t => t.kind),
      ['escape', 'tag', 'tag'],
    );
    for (const t of tokens) {
      const r = documentRange(d, t.start, t.end);
      if (t.kind === 'tag') assert.equal(text.slice(r.start, r.end), `((${t.name}))`);
      else assert.equal(text.slice(r.start, r.end), '\\\\((');
    }
  });

  it('maps a tag written with \\u escapes to its full source range', () => {
    const text = '{"request":{"url":"\\u0028\\u0028Title))"}}';
    const parsed = parseMacro(text);
    const site = collectStringSites(parsed).find(s => s.kind === 'url')!;
    const d = decodeStringNode(text, site.node);
    const [t] = scanTags(d.value);
    const r = documentRange(d, t.start, t.end);
    assert.equal(text.slice(r.start, r.end), '\\u0028\\u0028Title))');
  });
});
