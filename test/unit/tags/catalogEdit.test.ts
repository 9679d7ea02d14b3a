import { strict as assert } from 'node:assert';
import { addTagToCatalogEdits, applyTextEdits } from '../../../src/core/tags/catalogEdit';
import { parseCatalogText } from '../../../src/core/tags/catalog';

describe('adding a tag to .ccmacro/tags.json', () => {
  it('creates a whole catalog when there is none', () => {
    const out = applyTextEdits('', addTagToCatalogEdits(undefined, 'Titel', 'feedback'));
    assert.deepEqual(
      parseCatalogText(out).entries.map(e => [e.name, e.scope, e.type]),
      [['Titel', 'feedback', 'text']],
    );
    assert.deepEqual(parseCatalogText(out).problems, []);
  });

  it('appends to an existing catalog, keeping comments', () => {
    const text = '{\n  // our fields\n  "tags": [\n    { "name": "Region" }\n  ]\n}\n';
    const out = applyTextEdits(text, addTagToCatalogEdits(text, 'Build', 'user'));
    assert.match(out, /\/\/ our fields/);
    assert.deepEqual(
      parseCatalogText(out).entries.map(e => e.name),
      ['Region', 'Build'],
    );
  });

  it('adds a tags array to an object without one, and replaces a file that is not an object', () => {
    const a = applyTextEdits('{ "x": 1 }', addTagToCatalogEdits('{ "x": 1 }', 'A', 'feedback'));
    assert.deepEqual(
      parseCatalogText(a).entries.map(e => e.name),
      ['A'],
    );
    const b = applyTextEdits('oops', addTagToCatalogEdits('oops', 'B', 'feedback'));
    assert.deepEqual(
      parseCatalogText(b).entries.map(e => e.name),
      ['B'],
    );
  });
});
