import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../root';
import { parse } from 'jsonc-parser';
import { InMemoryFileSystem } from '../../fakes/fileSystem';
import { MACRO_TEMPLATES, macroTemplate } from '../../../src/core/targets';
import { slugify } from '../../../src/core/common/slug';
import { newMacroFileName } from '../../../src/core/macro/fileName';
import { createCcmacroService } from '../../../src/core';
import { ajvMacroSchema } from '../../../src/cli/schema';

const slug = (name: string) => slugify(name, 'macro');

describe('macro templates', () => {
  for (const { kind } of MACRO_TEMPLATES) {
    it(`${kind}: validates with the schema and every check, without errors or warnings`, async () => {
      const text = macroTemplate(kind, 'My new macro');
      // Next to the other templates' macros: an update template uses what a create template saves (External Data).
      const service = createCcmacroService({ fs: new InMemoryFileSystem(), macroSchema: ajvMacroSchema() });
      // In a workspace holding every other template: a template may use a tag another one saves (the Jira update
      // macro's ((Jira Key)), Azure DevOps' ((Work Item ID)), which the create macros' returnValues save).
      for (const other of MACRO_TEMPLATES)
        if (other.kind !== kind)
          await service.updateMacro(`/ws/${other.kind}.ccmacro.json`, macroTemplate(other.kind, other.label));
      const { problems } = await service.validate({ path: '/ws/my-new-macro.ccmacro.json', text });
      const serious = problems.filter(p => p.severity !== 'info');
      assert.deepStrictEqual(
        serious.map(p => `${p.code}: ${p.message}`),
        [],
      );
    });
  }

  it('starts with a comment and keeps the name exactly, even with quotes and colons', () => {
    const name = 'Escalate "blockers": now \\ later';
    const text = macroTemplate('generic', name);
    assert.match(text, /^\/\/ /);
    assert.strictEqual(parse(text).name, name);
  });

  it('keeps secrets as ${secret:NAME} placeholders', () => {
    for (const { kind } of MACRO_TEMPLATES) {
      const request = parse(macroTemplate(kind, 'x')).request;
      const secretSpots = [request.url, ...Object.values(request.headers ?? {})].filter(v => /secret/i.test(String(v)));
      assert.ok(secretSpots.length > 0, `${kind} uses a secret`);
      for (const v of secretSpots) assert.match(String(v), /\$\{secret:[A-Z_]+\}/);
    }
  });

  it('names files with a lowercase ASCII slug, never an empty one', () => {
    assert.strictEqual(slug('Escalate Blocker → Slack!'), 'escalate-blocker-slack');
    assert.strictEqual(slug('  Café déjà vu  '), 'cafe-deja-vu');
    assert.strictEqual(slug('../../etc/passwd'), 'etc-passwd');
    assert.strictEqual(slug('???'), 'macro');
    assert.ok(slug('x'.repeat(200)).length <= 60);
  });
});

describe('new macro file names', () => {
  it('numbers the name when it is taken, never reusing a file', async () => {
    const taken = new Set(['escalate.ccmacro.json', 'escalate-2.ccmacro.json']);
    assert.strictEqual(await newMacroFileName('Escalate', async n => taken.has(n)), 'escalate-3.ccmacro.json');
    assert.strictEqual(await newMacroFileName('New one', async n => taken.has(n)), 'new-one.ccmacro.json');
    assert.strictEqual(await newMacroFileName('!!!', async () => false), 'macro.ccmacro.json');
  });
});

describe('empty-file snippets (the schema root defaultSnippets)', () => {
  it('offer every New Webhook Macro template, under the same label', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schemas/ccmacro.schema.json'), 'utf8'));
    const snippets: Array<{ label: string; body: { request: { method: string } } }> = schema.defaultSnippets;
    assert.deepStrictEqual(
      snippets.map(s => s.label),
      MACRO_TEMPLATES.map(t => t.label),
    );
    for (const t of MACRO_TEMPLATES) {
      const made = parse(macroTemplate(t.kind, 'x'));
      const snippet = snippets.find(s => s.label === t.label)!;
      assert.strictEqual(snippet.body.request.method, made.request.method, t.label);
    }
  });
});
