import * as assert from 'node:assert';
import { parse } from 'jsonc-parser';
import { InMemoryFileSystem } from '../../src/core/fs';
import { MACRO_TEMPLATES, macroTemplate } from '../../src/core/templates';
import { validateMacroText } from '../../src/core/validate';

describe('macro templates', () => {
  for (const { kind } of MACRO_TEMPLATES) {
    it(`${kind}: validates with the schema and every check, without errors or warnings`, async () => {
      const text = macroTemplate(kind, 'My new macro');
      const { problems } = await validateMacroText(text, { path: '/ws/my-new-macro.ccmacro.json', fs: new InMemoryFileSystem(), schema: true });
      const serious = problems.filter(p => p.severity !== 'info');
      assert.deepStrictEqual(serious.map(p => `${p.code}: ${p.message}`), []);
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
});
