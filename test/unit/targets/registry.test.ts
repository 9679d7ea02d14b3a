import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { MACRO_TEMPLATES, TARGET_IDS, TARGETS } from '../../../src/core/targets';
import { REPO_ROOT } from '../../root';

const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schemas/ccmacro.schema.json'), 'utf8')) as {
  properties: { target: { enum: string[]; enumDescriptions: string[]; markdownEnumDescriptions: string[] } };
  defaultSnippets: Array<{ label: string; description: string; body: unknown }>;
};

describe('the target registry', () => {
  it('the schema\'s "target" values are the registered targets, each described by its folder', () => {
    const t = schema.properties.target;
    assert.deepEqual(t.enum, TARGET_IDS);
    assert.deepEqual(
      t.enumDescriptions,
      TARGETS.map(x => x.summary.text),
    );
    assert.deepEqual(
      t.markdownEnumDescriptions,
      TARGETS.map(x => x.summary.markdown),
    );
  });

  it("the schema's empty-file snippets are the targets' own, in the registry's order", () => {
    const expected = TARGETS.flatMap(x =>
      x.templates.map(t => ({ label: t.label, description: t.snippet.description, body: t.snippet.body })),
    );
    assert.deepEqual(
      schema.defaultSnippets,
      expected,
      `schemas/ccmacro.schema.json "defaultSnippets" must be:\n${JSON.stringify(expected, null, 2)}`,
    );
  });

  it('names each template once', () => {
    const kinds = MACRO_TEMPLATES.map(t => t.kind);
    assert.deepEqual([...new Set(kinds)], kinds);
  });

  it("no file outside a target's folder and the registries names a target", () => {
    const allowed = (rel: string) =>
      TARGET_IDS.some(id => rel.startsWith(`src/core/targets/${id}/`)) ||
      ['src/core/targets/index.ts', 'src/core/targets/views.ts'].includes(rel) ||
      rel.startsWith('src/webview/targets/');
    const named: string[] = [];
    for (const file of sourceFiles(path.join(REPO_ROOT, 'src'))) {
      const rel = path.relative(REPO_ROOT, file).split(path.sep).join('/');
      if (allowed(rel)) continue;
      for (const literal of stringLiterals(fs.readFileSync(file, 'utf8')))
        if ((TARGET_IDS as readonly string[]).includes(literal)) named.push(`${rel}: "${literal}"`);
    }
    assert.deepEqual(named, []);
  });
});

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The string literals of a TypeScript file (comments are not code). */
function stringLiterals(text: string): string[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  const out: string[] = [];
  for (let k = scanner.scan(); k !== ts.SyntaxKind.EndOfFileToken; k = scanner.scan())
    if (k === ts.SyntaxKind.StringLiteral || k === ts.SyntaxKind.NoSubstitutionTemplateLiteral)
      out.push(scanner.getTokenValue());
  return out;
}
