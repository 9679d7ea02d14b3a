import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InMemoryFileSystem } from '../../fakes/fileSystem';
import { check } from './helpers';
import { REPO_ROOT } from '../../root';

describe('docs/format.md', () => {
  it('its complete example validates with zero problems', async () => {
    const section = fs.readFileSync(path.join(REPO_ROOT, 'docs/format.md'), 'utf8');
    const example = /```jsonc\n([\s\S]*?)```/.exec(section)?.[1];
    assert.ok(example, 'the format section has a ```jsonc example');
    // The sample it names gives every tag it uses a value (validate renders the macro with it).
    const tags = Object.fromEntries([...example.matchAll(/\(\(([^()]+)\)\)/g)].map(m => [m[1].trim(), '1']));
    const fsWithSample = new InMemoryFileSystem({
      '/proj/macros/samples/helpdesk.sample.json': JSON.stringify(tags),
    });
    assert.deepEqual(await check(example, { fs: fsWithSample }), []);
    // It shows every top-level field the schema knows (except $schema, explained in the table).
    const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schemas/ccmacro.schema.json'), 'utf8'));
    for (const field of Object.keys(schema.properties).filter(f => f !== '$schema'))
      assert.ok(example.includes(`"${field}"`), field);
    for (const field of Object.keys(schema.properties.request.properties))
      assert.ok(example.includes(`"${field}"`), field);
  });
});
