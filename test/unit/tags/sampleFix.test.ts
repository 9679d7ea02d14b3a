import { strict as assert } from 'node:assert';
import { createCcmacroService } from '../../../src/core';
import { LineIndex } from '../../../src/core/common/text';
import type { TagQuickFix } from '../../../src/core/tags/quickFixes';
import type { InMemoryFileSystem } from '../../fakes/fileSystem';
import { macroText, MACRO, workspace } from './fixtures';

// An External Data tag (another macro's returnValues name) is known, so completion offers it; but a macro whose
// sample has no value for it cannot render: `render/missing-tag`. The quick fix gives it an example value.
const JIRA = '/ws/other/jira.ccmacro.json';
const jira = `{\n  "name": "Create Jira issue",\n  "request": { "method": "POST", "url": "https://x" },\n  "returnValues": { "key": "Ticket Link" }\n}\n`;
const body = '{ "method": "POST", "url": "https://x", "body": { "text": "See ((Ticket Link)) for ((Title))" } }';

/** A fix's edits applied the way a WorkspaceEdit applies them: the macro's text, and the other file's. */
function apply(fs: InMemoryFileSystem, text: string, fix: TagQuickFix): string {
  let out = text;
  for (const e of [...(fix.edits ?? [])].sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  const f = fix.fileEdit!;
  if (f.create !== undefined) fs.files.set(f.path, f.create);
  else {
    let other = fs.files.get(f.path) as string;
    const lines = new LineIndex(other);
    const edits = (f.edits ?? []).map(e => ({ ...e, s: lines.offsetAt(e.start), t: lines.offsetAt(e.end) }));
    for (const e of edits.sort((a, b) => b.s - a.s)) other = other.slice(0, e.s) + e.newText + other.slice(e.t);
    fs.files.set(f.path, other);
  }
  fs.files.set(MACRO, out);
  return out;
}

async function setUp(text: string, files: Record<string, string> = {}) {
  const fs = workspace({ [JIRA]: jira, [MACRO]: text, ...files });
  const service = createCcmacroService({ fs });
  await service.updateMacro(JIRA, jira);
  const validate = async (t: string) => (await service.validate({ path: MACRO, text: t })).problems;
  const fixFor = async (t: string) => {
    const missing = (await validate(t)).filter(p => p.code === 'render/missing-tag');
    assert.equal(missing.length, 1, JSON.stringify(missing));
    assert.equal(t.slice(missing[0].range.start, missing[0].range.end), '((Ticket Link))');
    const fixes = await service.tagFixes(
      { path: MACRO, text: t },
      [{ code: 'render/missing-tag', offset: missing[0].range.start }],
      { catalogRoot: '/ws' },
    );
    assert.equal(fixes.length, 1, JSON.stringify(fixes));
    return fixes[0];
  };
  return { fs, validate, fixFor };
}

describe('the quick fix for a known tag no sample has (render/missing-tag)', () => {
  it('a macro without samples: creates samples/<macro>.sample.json (the built-in sample plus the tag) and uses it', async () => {
    const text = macroText(body);
    const { fs, validate, fixFor } = await setUp(text);
    const fix = await fixFor(text);
    assert.equal(
      fix.title,
      'Create samples/escalate.sample.json (the built-in sample with ((Ticket Link))) and use it',
    );
    assert.equal(fix.fileEdit?.path, '/ws/macros/samples/escalate.sample.json');
    const fixed = apply(fs, text, fix);
    assert.match(fixed, /"samples": \[\s*"samples\/escalate\.sample\.json"\s*\]/);
    const sample = JSON.parse(fs.files.get('/ws/macros/samples/escalate.sample.json') as string);
    assert.equal(sample['Ticket Link'], 'Example Ticket Link');
    assert.equal(typeof sample.Title, 'string', 'the built-in values it was checked with stay');
    assert.deepEqual(
      (await validate(fixed)).filter(p => p.severity === 'error'),
      [],
    );
  });

  it("a macro with a sample file: adds the tag to every item that lacks it, and nothing when the name's file exists", async () => {
    const text = macroText(body, '\n  "samples": ["s.sample.json"],');
    const sample = '[\n  { "Title": "A" },\n  { "Title": "B", "Ticket Link": "kept" },\n  { "Title": "C" }\n]\n';
    const { fs, validate, fixFor } = await setUp(text, { '/ws/macros/s.sample.json': sample });
    const fix = await fixFor(text);
    assert.equal(fix.title, 'Add ((Ticket Link)) to s.sample.json with an example value');
    assert.equal(fix.edits, undefined, 'the macro is not changed');
    apply(fs, text, fix);
    const items = JSON.parse(fs.files.get('/ws/macros/s.sample.json') as string);
    assert.deepEqual(
      items.map((i: Record<string, string>) => i['Ticket Link']),
      ['Example Ticket Link', 'kept', 'Example Ticket Link'],
    );
    assert.deepEqual(
      (await validate(text)).filter(p => p.severity === 'error'),
      [],
    );
  });
});
