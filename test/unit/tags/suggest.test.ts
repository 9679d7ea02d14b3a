import { strict as assert } from 'node:assert';
import { mergeCatalog, parseCatalogText } from '../../../src/core/tags/catalog';
import { editDistance } from '../../../src/core/common/editDistance';
import { suggestTagName } from '../../../src/core/tags/suggest';

describe('tag suggestions', () => {
  const catalog = mergeCatalog(
    true,
    [
      {
        path: '/p/.ccmacro/tags.json',
        file: parseCatalogText('{"tags":[{"name":"Region","scope":"user"},{"name":"Regions","scope":"feedback"}]}'),
      },
    ],
    [],
  );

  it('edit distance counts insertions, deletions, substitutions and swaps', () => {
    assert.equal(editDistance('Title', 'Title'), 0);
    assert.equal(editDistance('Titel', 'Title'), 1);
    assert.equal(editDistance('Tite', 'Title'), 1);
    assert.equal(editDistance('abc', 'xyz'), 3);
    assert.equal(editDistance('abcdef', 'uvwxyz', 2), 3, 'gives up past max');
  });

  it('prefers a case-insensitive exact match', () => {
    assert.equal(suggestTagName('title', catalog), 'Title');
    assert.equal(suggestTagName('FEEDBACK  id', catalog), 'Feedback ID');
  });

  it('suggests the closest name within a third of its length', () => {
    assert.equal(suggestTagName('Titel', catalog), 'Title');
    assert.equal(suggestTagName('Submiter Name', catalog), 'Submitter Name');
    assert.equal(suggestTagName('Steps to Reproduse', catalog), 'Steps to Reproduce');
    assert.equal(suggestTagName('Xyzzy', catalog), undefined);
    assert.equal(suggestTagName('Tx', catalog), undefined);
  });

  it('prefers a tag of the macro scope on a tie', () => {
    assert.equal(suggestTagName('Regionx', catalog, 'user'), 'Region');
    assert.equal(suggestTagName('Regionsx', catalog, 'feedback'), 'Regions');
  });
});
