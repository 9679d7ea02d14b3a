import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { createCcmacroService } from '../../../src/core';
import { ajvMacroSchema } from '../../../src/cli/schema';
import type { Problem } from '../../../src/core/common/problem';
import { fileReadError } from '../../../src/core/common/decode';
import { loadMacroForSend, prepareRequest } from '../../../src/core/send/prepare';
import { EnvSecretResolver } from '../../../src/core/secrets/resolve';
import { InMemoryFileSystem } from '../../fakes/fileSystem';

const MACRO = '/w/m.ccmacro.json';

function macroText(body: Record<string, unknown>, samples?: string[]): string {
  return JSON.stringify(
    { name: 'R', ...(samples ? { samples } : {}), request: { method: 'POST', url: 'https://x.test/', body } },
    null,
    2,
  );
}

async function validate(text: string, files: Record<string, string> = {}, fsys = new InMemoryFileSystem(files)) {
  const service = createCcmacroService({ fs: fsys });
  const { problems, parsed } = await service.validate({ path: MACRO, text });
  const show = (p: Problem) => [p.code, p.severity, parsed.text.slice(p.range.start, p.range.end), p.message];
  return { problems, show, errors: problems.filter(p => p.severity === 'error').map(show) };
}

describe('D3: validate renders every sample item as a send does', () => {
  it('((Titel)) that no sample gives is an error naming the item that lacks it (plus the unknown-tag warning)', async () => {
    const text = macroText({ t: '((Titel))', ok: '((Title))' }, ['s.sample.json']);
    const { problems, show } = await validate(text, {
      '/w/s.sample.json': '[{"Title": "A", "Titel": "x"}, {"Title": "B"}, {"Title": "C"}]',
    });
    const missing = problems.filter(p => p.code === 'render/missing-tag').map(show);
    assert.deepEqual(missing, [
      [
        'render/missing-tag',
        'error',
        '((Titel))',
        '((Titel)) has no value in sample items s.sample.json [1], s.sample.json [2], so the preview and a send with it stop here. Add "Titel" to the sample, or correct the tag\'s name',
      ],
    ]);
    // Item 0 has it, so the tag is known to the catalog: no unknown-tag warning, only the error for the others.
    assert.deepEqual(
      problems.filter(p => p.code === 'tag/unknown'),
      [],
    );
  });

  it('a macro without samples is checked with the built-in sample of its scope (never the hostile one)', async () => {
    const { errors } = await validate(macroText({ t: '((First Name))' }));
    assert.deepEqual(
      errors.map(e => e.slice(0, 3)),
      [['render/missing-tag', 'error', '((First Name))']],
    );
    assert.match(String(errors[0][3]), /Typical feedback \(built-in\)/);
    // Values the hostile sample would refuse (a NUL in a header) do not count: it is not the default.
    const header = JSON.stringify({
      name: 'H',
      request: { method: 'POST', url: 'https://x.test/', headers: { 'X-S': '((Workflow State))' }, body: {} },
    });
    assert.deepEqual((await validate(header)).errors, []);
  });

  it('an unknown tag the sample does provide stays a warning', async () => {
    const text = macroText({ t: '((Custom Field))' }, ['s.sample.json']);
    const service = createCcmacroService({ fs: new InMemoryFileSystem({ '/w/s.sample.json': '{"Custom Field": 1}' }) });
    const { problems } = await service.validate({ path: MACRO, text }, { builtinCatalog: false });
    assert.deepEqual(
      problems.map(p => [p.code, p.severity]),
      [],
      'a tag from the sample is known and renders',
    );
    const noCatalog = macroText({ t: '((Title))' });
    const r = await createCcmacroService({ fs: new InMemoryFileSystem() }).validate(
      { path: MACRO, text: noCatalog },
      { builtinCatalog: false },
    );
    assert.deepEqual(
      r.problems.map(p => [p.code, p.severity]),
      [['tag/unknown', 'warning']],
    );
  });

  it('reports every render error of every item: typed values, header injection, lone surrogates', async () => {
    const text = JSON.stringify({
      name: 'X',
      samples: ['s.sample.json'],
      request: { method: 'POST', url: 'https://x.test/', headers: { 'X-T': '((Title))' }, body: { n: '((N)):number' } },
    });
    const { errors } = await validate(text, {
      '/w/s.sample.json': '[{"Title": "ok", "N": 1}, {"Title": "a\\nb", "N": "1e999"}, {"Title": "\\ud800", "N": 2}]',
    });
    assert.deepEqual(
      errors.map(e => [e[0], e[2]]),
      [
        ['render/header-injection', '((Title))'],
        ['render/lone-surrogate', '((Title))'],
        ['render/typed-value', '((N))'],
      ],
    );
    assert.match(String(errors[0][3]), /\(with sample item s\.sample\.json \[1\]\)$/);
    assert.match(String(errors[1][3]), /\(with sample item s\.sample\.json \[2\]\)$/);
  });

  it('a sample that cannot be used is an error at its "samples" entry: syntax, a broken item, a folder, not UTF-8', async () => {
    const text = macroText({ t: '((Title))' }, ['bad.sample.json', 'items.sample.json', 'dir', 'latin1.sample.json']);
    const fsys = new InMemoryFileSystem({
      '/w/bad.sample.json': '{"Title": "A" "B": 1}',
      '/w/items.sample.json': '[{"Title": "A"}, 7, {"Title": "B", "Title": "C"}]',
      '/w/dir/x.json': '{}',
      '/w/latin1.sample.json': new Uint8Array([0x7b, 0x22, 0x54, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]),
    });
    const { errors } = await validate(text, {}, fsys);
    assert.deepEqual(
      errors.map(e => [e[0], e[2]]),
      [
        ['sample/syntax', '"bad.sample.json"'],
        ['sample/duplicate-key', '"items.sample.json"'],
        ['sample/not-object', '"items.sample.json"'],
        ['sample/cannot-read', '"dir"'],
        ['sample/cannot-read', '"latin1.sample.json"'],
      ],
    );
    assert.match(
      String(errors[0][3]),
      /^Sample item bad\.sample\.json \(line 1, column 15\) cannot be used: The sample file is not valid JSON/,
    );
    assert.match(
      String(errors[2][3]),
      /^Sample item items\.sample\.json \[1\] \(line 1, column 18\) cannot be used: Item 1/,
    );
    assert.match(
      String(errors[1][3]),
      /^Sample item items\.sample\.json \[2\] \(line 1, column 36\) cannot be used: "Title" is written twice/,
    );
    assert.match(String(errors[3][3]), /it is a folder, not a file/);
    assert.match(String(errors[4][3]), /not UTF-8 text: the byte 0xE9 at line 1, column 7/);
  });

  it('an unreadable sample (permission denied) is located at its entry in plain words', async () => {
    const fsys = new InMemoryFileSystem({ '/w/s.sample.json': '{}' });
    fsys.failures.set('/w/s.sample.json', fileReadError('no-access'));
    const { errors } = await validate(macroText({ t: 'x' }, ['s.sample.json']), {}, fsys);
    assert.deepEqual(errors, [
      [
        'sample/cannot-read',
        'error',
        '"s.sample.json"',
        's.sample.json: The sample file s.sample.json cannot be read: permission denied',
      ],
    ]);
  });

  it('the editor renders at most sampleItemLimit items per file', async () => {
    const items = Array.from({ length: 5 }, (_, i) => (i === 4 ? {} : { Title: `t${i}` }));
    const text = macroText({ t: '((Title))' }, ['s.sample.json']);
    const service = createCcmacroService({ fs: new InMemoryFileSystem({ '/w/s.sample.json': JSON.stringify(items) }) });
    const all = await service.validate({ path: MACRO, text });
    assert.deepEqual(
      all.problems.map(p => p.code),
      ['render/missing-tag'],
    );
    const limited = await service.validate({ path: MACRO, text }, { sampleItemLimit: 4 });
    assert.deepEqual(limited.problems, []);
  });

  it('property: no validate error ⇔ every sample item prepares for sending', async () => {
    const tag = fc.constantFrom('Title', 'N', 'Missing');
    const value = fc.oneof(
      fc.constantFrom('plain', 'a\nb', '\ud800', '1e999', '12', '', '..', '<&>'),
      fc.integer().map(n => n),
    );
    const item = fc.dictionary(fc.constantFrom('Title', 'N'), value, { maxKeys: 2 });
    const fsys = new InMemoryFileSystem();
    const service = createCcmacroService({ fs: fsys, macroSchema: ajvMacroSchema() });
    await fc.assert(
      fc.asyncProperty(
        fc.array(item, { minLength: 1, maxLength: 4 }),
        tag,
        tag,
        fc.constantFrom('json', 'xml', 'form'),
        async (items, a, b, format) => {
          const body =
            format === 'xml'
              ? `<a x="((${a}))">((${b}))</a>`
              : format === 'form'
                ? { f: `((${a}))` }
                : { n: `((${a})):number` };
          const text = JSON.stringify({
            name: 'P',
            samples: ['s.sample.json'],
            request: {
              method: 'POST',
              url: `https://x.test/p/((${b}))`,
              headers: { 'X-H': `((${a}))` },
              ...(format === 'json' ? {} : { bodyFormat: format }),
              body,
            },
          });
          fsys.files.set('/w/s.sample.json', JSON.stringify(items));
          const { problems } = await service.validate({ path: MACRO, text });
          const clean = !problems.some(p => p.severity === 'error');
          let sends = true;
          for (let index = 0; index < items.length; index++) {
            const loaded = await loadMacroForSend(text, '/w', fsys, { index });
            const ready = loaded.ok && (await prepareRequest(loaded.parsed, loaded.item, new EnvSecretResolver({})));
            if (!ready || !ready.ok) sends = false;
          }
          assert.equal(clean, sends, JSON.stringify({ items, text, problems: problems.map(p => p.message) }));
        },
      ),
      { numRuns: 150 },
    );
  });
});
