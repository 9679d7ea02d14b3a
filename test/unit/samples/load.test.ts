import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse as parseJsonc } from 'jsonc-parser';
import { InMemoryFileSystem } from '../../fakes/fileSystem';
import { parseMacro } from '../../../src/core/macro/parse';
import { BUILTIN_SAMPLES } from '../../../src/core/samples/builtin';
import { loadSampleForMacro, sampleChoices } from '../../../src/core/samples/load';
import { parseSampleFile } from '../../../src/core/samples/parse';
import { REPO_ROOT } from '../../root';

const ROOT = REPO_ROOT;

describe('choosing the sample for a macro', () => {
  const fsys = new InMemoryFileSystem({
    '/w/m/first.sample.json': '{"Title": "from first"}',
    '/w/m/list.sample.json': '[{"Title": "zero"}, {"Title": "one"}]',
    '/w/other.json': '{"Title": "other"}',
  });
  const withSamples = parseMacro(
    '{"name": "x", "samples": ["first.sample.json", "list.sample.json"], "request": {"method": "GET", "url": "https://x.test"}}',
  );
  const userMacro = parseMacro('{"name": "x", "scope": "user", "request": {"method": "GET", "url": "https://x.test"}}');

  it("uses the macro's first sample file, relative to the macro", async () => {
    const s = await loadSampleForMacro(withSamples, '/w/m', fsys);
    assert.equal(s.item!.Title, 'from first');
    assert.equal(s.path, '/w/m/first.sample.json');
  });
  it('uses an explicit file and item index, and explains an index out of range', async () => {
    assert.equal(
      (await loadSampleForMacro(withSamples, '/w/m', fsys, { sample: 'list.sample.json', index: 1 })).item!.Title,
      'one',
    );
    assert.equal(
      (await loadSampleForMacro(withSamples, '/w/m', fsys, { sample: '/w/other.json' })).item!.Title,
      'other',
    );
    const out = await loadSampleForMacro(withSamples, '/w/m', fsys, { sample: 'list.sample.json', index: 2 });
    assert.equal(out.item, undefined);
    assert.match(out.problems[0].message, /has 2 items, numbered from 0 to 1; there is no item 2/);
  });
  it('counts items as written: a broken item is an error about that item only', async () => {
    const files = new InMemoryFileSystem({ '/w/mixed.sample.json': '[1, {"Title": "A"}, {"Title": "B"}]' });
    const at = (index: number) => loadSampleForMacro(withSamples, '/w', files, { sample: 'mixed.sample.json', index });
    const two = await at(2);
    assert.equal(two.item!.Title, 'B');
    assert.deepEqual(two.problems, []);
    const zero = await at(0);
    assert.equal(zero.item, undefined);
    assert.deepEqual(
      zero.problems.map(p => p.message),
      ['Item 0 of the sample is not an object of tag names to values, e.g. { "Title": "Crash on launch" }'],
    );
  });
  it('falls back to the built-in typical sample of the scope, and knows builtin:ID', async () => {
    assert.equal((await loadSampleForMacro(userMacro, '/w', fsys)).item!['First Name'], 'Priya');
    assert.equal(
      (await loadSampleForMacro(parseMacro('{"name":"x","request":{}}'), '/w', fsys)).item!['Feedback Type'],
      'Issue',
    );
    assert.ok(
      String((await loadSampleForMacro(userMacro, '/w', fsys, { sample: 'builtin:hostile' })).item!.Description)
        .length >=
        100 * 1024,
    );
    assert.equal(
      (await loadSampleForMacro(userMacro, '/w', fsys, { sample: 'builtin:nope' })).problems[0].code,
      'sample/unknown-builtin',
    );
    assert.equal(
      (await loadSampleForMacro(userMacro, '/w', fsys, { sample: 'missing.json' })).problems[0].code,
      'sample/not-found',
    );
  });
  it("offers the macro's files, then the built-ins of its scope and the hostile one", () => {
    assert.deepEqual(
      sampleChoices(withSamples, '/w/m').map(c => c.id),
      ['/w/m/first.sample.json', '/w/m/list.sample.json', 'builtin:feedback', 'builtin:hostile'],
    );
    assert.deepEqual(
      sampleChoices(userMacro, '/w').map(c => c.id),
      ['builtin:user', 'builtin:hostile'],
    );
  });
});

describe('built-in samples', () => {
  const catalog: Array<{ name: string; scope: string }> = JSON.parse(
    fs.readFileSync(path.join(ROOT, 'catalog/builtin-tags.json'), 'utf8'),
  ).tags;
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/sample.schema.json'), 'utf8'));
  const byId = (id: string) => BUILTIN_SAMPLES.find(s => s.id === id)!.items[0];

  it('the typical samples give a value for every catalog tag of their scope', () => {
    for (const t of catalog) {
      if (t.scope !== 'user') assert.ok(t.name in byId('feedback'), `feedback sample lacks ${t.name}`);
      if (t.scope !== 'feedback') assert.ok(t.name in byId('user'), `user sample lacks ${t.name}`);
      assert.ok(t.name in byId('hostile'), `hostile sample lacks ${t.name}`);
    }
  });

  it('the hostile sample holds every kind of value that breaks naive templates', () => {
    const all = Object.values(byId('hostile')).flat().map(String).join('\n');
    for (const needle of [
      '"',
      '\\',
      '\r\n',
      '\t',
      '\u0001',
      '\u0000',
      '\u2028',
      '\u2029',
      '🔥',
      '𝕏',
      '</script>',
      '<!channel>',
      '<img src=x onerror=alert(1)>',
      '((Title))',
      '${secret:',
    ]) {
      assert.ok(all.includes(needle), `hostile sample lacks ${JSON.stringify(needle)}`);
    }
    assert.ok(String(byId('hostile').Description).length >= 100 * 1024);
    assert.ok(
      fs.statSync(path.join(ROOT, 'samples/builtin/hostile.json')).size < 10 * 1024,
      'the 100 KB text is generated, not committed',
    );
  });

  it('the sample schema completes every catalog tag name and accepts the shipped samples', () => {
    assert.deepEqual(
      Object.keys(schema.definitions.item.properties)
        .filter(k => k !== '$schema' && k !== '$response')
        .sort(),
      catalog.map(t => t.name).sort(),
    );
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    for (const f of fs.readdirSync(path.join(ROOT, 'samples/builtin'))) {
      const ok = validate(JSON.parse(fs.readFileSync(path.join(ROOT, 'samples/builtin', f), 'utf8')));
      assert.ok(ok, `${f}: ${JSON.stringify(validate.errors)}`);
    }
    const examples = path.join(ROOT, 'examples/samples');
    for (const f of fs.existsSync(examples) ? fs.readdirSync(examples).filter(x => x.endsWith('.sample.json')) : []) {
      const text = fs.readFileSync(path.join(examples, f), 'utf8');
      assert.deepEqual(parseSampleFile(text).problems, [], f);
      assert.ok(validate(parseJsonc(text)), `${f}: ${JSON.stringify(validate.errors)}`);
    }
    assert.equal(validate({ Title: { nested: 1 } }), false);
    assert.equal(validate([{ Title: 'a' }]), true);
  });
});
