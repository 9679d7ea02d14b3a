import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parseCatalogText, TagCatalogs, projectCatalogCandidates } from '../../../src/core/tags/catalog';
import { parseSampleFile } from '../../../src/core/samples/parse';
import { MACRO, workspace } from './fixtures';
import { REPO_ROOT } from '../../root';

const repo = REPO_ROOT;

describe('tag catalog', () => {
  it('the built-in catalog validates against its schema and holds the agreed tags', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(repo, 'schemas/tags.schema.json'), 'utf8'));
    const data: {
      tags: Array<{ name: string; scope?: string; type?: string; description?: string; example?: string }>;
    } = JSON.parse(fs.readFileSync(path.join(repo, 'catalog/builtin-tags.json'), 'utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true });
    const valid = ajv.validate(schema, data);
    assert.ok(valid, JSON.stringify(ajv.errors));
    const names = data.tags.map((t: { name: string }) => t.name);
    for (const n of [
      'Title',
      'Description',
      'Steps to Reproduce',
      'Feedback ID',
      'Feedback Type',
      'Status',
      'Severity',
      'Priority',
      'Feature',
      'Submitter Name',
      'Submitter Email',
      'Submit Date',
      'Modify Date',
      'Feedback URL',
      'Admin Feedback URL',
      'First Name',
      'Last Name',
      'Email',
      'User ID',
      'Username',
      'Team',
      'Project Name',
      'Project URL',
    ])
      assert.ok(names.includes(n), n);
    for (const t of data.tags) {
      assert.ok(t.scope && t.type && t.description && t.example !== undefined, `${t.name} has every field`);
    }
    assert.equal(new Set(names).size, names.length, 'names are unique');
  });

  it('the schema rejects bad names and unknown fields', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(repo, 'schemas/tags.schema.json'), 'utf8'));
    const ajv = new Ajv({ strict: false });
    assert.equal(ajv.validate(schema, { tags: [{ name: 'a(b' }] }), false);
    assert.equal(ajv.validate(schema, { tags: [{ name: ' Title' }] }), false);
    assert.equal(ajv.validate(schema, { tags: [{ name: 'Title', colour: 'red' }] }), false);
    assert.equal(ajv.validate(schema, { tags: [{ name: 'Custom Field 7' }] }), true);
  });

  it('uses the built-in catalog unless turned off', async () => {
    const on = await new TagCatalogs(workspace()).resolve({ macroPath: MACRO });
    assert.equal(on.tags.get('Title')?.type, 'text');
    assert.deepEqual(on.tags.get('Title')?.sources, [{ kind: 'builtin' }]);
    const off = await new TagCatalogs(workspace()).resolve({ macroPath: MACRO, builtinCatalog: false });
    assert.equal(off.tags.size, 0);
  });

  it('project catalogs add and override by exact name, nearest wins, field by field', async () => {
    const far =
      '{ "tags": [ { "name": "Title", "description": "far" }, { "name": "Region", "scope": "user", "type": "list" } ] }';
    const near =
      '// comments are fine\n{ "tags": [ { "name": "Title", "description": "near" }, { "name": "Region", "description": "Sales region" }, { "name": "title", "description": "another tag" }, ] }';
    const c = await new TagCatalogs(
      workspace({ '/ws/.ccmacro/tags.json': far, '/ws/macros/.ccmacro/tags.json': near }),
    ).resolve({ macroPath: MACRO });
    const title = c.tags.get('Title')!;
    assert.equal(title.description, 'near');
    assert.equal(title.type, 'text', 'fields the override leaves out come from the built-in entry');
    assert.equal(title.scope, 'feedback');
    assert.deepEqual(
      title.sources.map(s => (s.kind === 'builtin' ? 'builtin' : s.path)),
      ['/ws/macros/.ccmacro/tags.json', '/ws/.ccmacro/tags.json', 'builtin'],
    );
    const region = c.tags.get('Region')!;
    assert.equal(region.scope, 'user');
    assert.equal(region.type, 'list');
    assert.equal(region.description, 'Sales region');
    assert.ok(c.tags.has('title'), 'case counts: "title" is a different tag');
    const src = region.sources[0];
    assert.ok(src.kind === 'project');
    if (src.kind === 'project')
      assert.ok(near.slice(src.offset, src.offset + src.length).startsWith('{ "name": "Region"'));
    assert.deepEqual(c.catalogPaths, ['/ws/.ccmacro/tags.json', '/ws/macros/.ccmacro/tags.json']);
  });

  it('sample keys add tags and values without replacing catalog descriptions', async () => {
    const sample =
      '[ { "Title": "Crash on export", "Custom Score": 7, "Build URL": "https://ci/1", "Seen": "2026-01-02" }, { "Title": "Second" } ]';
    const c = await new TagCatalogs(workspace({ '/ws/macros/samples/a.json': sample })).resolve({
      macroPath: MACRO,
      samples: ['samples/a.json', 'missing.json', 42],
    });
    assert.equal(c.tags.get('Title')?.description?.startsWith('The feedback'), true);
    assert.deepEqual(
      c.tags.get('Title')?.sources.map(s => s.kind),
      ['builtin', 'sample'],
    );
    assert.equal(c.tags.get('Custom Score')?.type, 'number');
    assert.equal(c.tags.get('Build URL')?.type, 'url');
    assert.equal(c.tags.get('Seen')?.type, 'date');
    assert.equal(c.tags.get('Custom Score')?.scope, 'both');
    assert.equal(c.sampleValues.get('Title'), 'Crash on export');
    assert.deepEqual(c.activeSample, { path: '/ws/macros/samples/a.json', index: 0 });
    const s = c.tags.get('Custom Score')!.sources[0];
    assert.ok(s.kind === 'sample' && sample.slice(s.offset, s.offset + s.length) === '"Custom Score"');
    const second = await new TagCatalogs(workspace({ '/ws/macros/samples/a.json': sample })).resolve({
      macroPath: MACRO,
      samples: ['samples/a.json'],
      activeSample: { path: '/ws/macros/samples/a.json', index: 1 },
    });
    assert.equal(second.sampleValues.get('Title'), 'Second');
  });

  it('broken catalogs and samples are skipped where broken, never thrown', async () => {
    const broken =
      '{ "tags": [ { "name": "Good" }, { "name": "bad(" }, 3, { "nope": 1 }, { "name": "Also Good", "scope": "galaxy" ';
    const parsed = parseCatalogText(broken);
    assert.deepEqual(
      parsed.entries.map(e => e.name),
      ['Good', 'Also Good'],
    );
    assert.ok(parsed.problems.length >= 3);
    assert.deepEqual(parseCatalogText('[]').entries, []);
    assert.equal(parseCatalogText('').problems.length > 0, true);
    assert.deepEqual(
      parseSampleFile('"just a string"').items.map(i => i.item),
      [undefined],
    );
    const c = await new TagCatalogs(
      workspace({ '/ws/.ccmacro/tags.json': broken, '/ws/macros/s.json': '{ "A": ' }),
    ).resolve({ macroPath: MACRO, samples: ['s.json'] });
    assert.equal(c.tags.get('Also Good')?.scope, 'both');
    assert.ok(c.tags.has('Good'));
  });

  it('returns the same catalog object while the files are unchanged', async () => {
    const files = workspace({ '/ws/.ccmacro/tags.json': '{ "tags": [ { "name": "X" } ] }' });
    const catalogs = new TagCatalogs(files);
    const a = await catalogs.resolve({ macroPath: MACRO });
    const b = await catalogs.resolve({ macroPath: MACRO });
    assert.equal(a, b);
    files.files.set('/ws/.ccmacro/tags.json', '{ "tags": [ { "name": "Y" } ] }');
    const c = await catalogs.resolve({ macroPath: MACRO });
    assert.notEqual(a, c);
    assert.ok(c.tags.has('Y') && !c.tags.has('X'));
  });

  it('looks for catalogs in every folder up to the root, nearest first', () => {
    assert.deepEqual(projectCatalogCandidates('/a/b'), [
      '/a/b/.ccmacro/tags.json',
      '/a/.ccmacro/tags.json',
      '/.ccmacro/tags.json',
    ]);
  });
});
