import * as assert from 'node:assert';
import { parse } from 'jsonc-parser';
import { InMemoryFileSystem } from '../../fakes/fileSystem';
import { MACRO_TEMPLATES, macroFileSlug, macroTemplate } from '../../../src/core/macro/templates';
import { createCcmacroService } from '../../../src/core';

describe('macro templates', () => {
  for (const { kind } of MACRO_TEMPLATES) {
    it(`${kind}: validates with the schema and every check, without errors or warnings`, async () => {
      const text = macroTemplate(kind, 'My new macro');
      const { problems } = await createCcmacroService({ fs: new InMemoryFileSystem() }).validate(text, {
        path: '/ws/my-new-macro.ccmacro.json',
        schema: true,
      });
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
    assert.strictEqual(macroFileSlug('Escalate Blocker → Slack!'), 'escalate-blocker-slack');
    assert.strictEqual(macroFileSlug('  Café déjà vu  '), 'cafe-deja-vu');
    assert.strictEqual(macroFileSlug('../../etc/passwd'), 'etc-passwd');
    assert.strictEqual(macroFileSlug('???'), 'macro');
    assert.ok(macroFileSlug('x'.repeat(200)).length <= 60);
  });
});
