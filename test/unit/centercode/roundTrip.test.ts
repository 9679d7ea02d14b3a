import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../root';
import { parseMacro, type ParsedMacro } from '../../../src/core/macro/parse';
import { collectStringSites, decodeStringNode } from '../../../src/core/macro/sites';
import { fromCentercodeForm, toCentercodeForm } from '../../../src/core/centercode/form';
import { BRACKETS, PARENTHESES, type TagSyntax } from '../../../src/core/project/tagSyntax';
import { convertTagSyntax } from '../../../src/core/tags/convert';
import { scanTags } from '../../../src/core/tags/scanner';
import { renderMacro } from '../../../src/core/targets/render';
import type { TargetId } from '../../../src/core/targets';
import { parseSampleFile } from '../../../src/core/samples/parse';
import type { SampleItem } from '../../../src/core/samples/types';
import { EnvironmentFiles } from '../../../src/core/environments/environments';
import { nodeFileSystem } from '../../../src/cli/nodeFs';
import type { VarValues } from '../../../src/core/render/types';

const EXAMPLES = path.join(REPO_ROOT, 'examples');

/** Every tag name the macro uses, in document order. */
function tagNames(parsed: ParsedMacro): string[] {
  return collectStringSites(parsed)
    .filter(s => s.tagsAllowed)
    .flatMap(s =>
      scanTags(decodeStringNode(parsed.text, s.node).value, parsed.tagSyntax).flatMap(t =>
        t.kind === 'tag' ? [t.name] : [],
      ),
    );
}

/** The request the macro sends with a sample item, as data (the body parsed when it is JSON). */
function sent(parsed: ParsedMacro, item: SampleItem, target?: TargetId, vars?: VarValues) {
  const r = renderMacro(parsed, { sample: item, vars, ...(target ? { target } : {}) });
  assert.ok(r.request, JSON.stringify(r.problems.map(p => p.message)));
  const { method, url, headers, bodyText } = r.request;
  let body: unknown = bodyText;
  try {
    body = bodyText === undefined ? undefined : JSON.parse(bodyText);
  } catch {
    /* not JSON: compared as text */
  }
  return { method, url, headers, body };
}

describe('Copy for Centercode, then New Macro from Centercode Body: every example comes back equivalent', () => {
  const files = fs.readdirSync(EXAMPLES).filter(f => f.endsWith('.ccmacro.json'));
  it('has examples to check', () => assert.ok(files.length >= 5, files.join(', ')));

  for (const syntax of [PARENTHESES, BRACKETS] as TagSyntax[]) {
    for (const file of files) {
      it(`${file}, tags written ${syntax.wrap('Tag')}: same request, same tags`, async () => {
        let text = fs.readFileSync(path.join(EXAMPLES, file), 'utf8');
        if (syntax.id !== PARENTHESES.id) {
          const converted = convertTagSyntax(text, PARENTHESES, syntax);
          assert.ok(converted.ok, JSON.stringify(!converted.ok && converted.error));
          text = converted.value.text;
        }
        const original = parseMacro(text, syntax);
        // Centercode has no environments: Copy for Centercode writes one environment's ${var:} values (here staging's).
        const envs = await new EnvironmentFiles(nodeFileSystem).forFolder(EXAMPLES);
        const vars = envs?.varValues('staging');
        const form = toCentercodeForm(original, vars && (name => vars.lookup(name)?.value));
        assert.ok(!form.body.includes(syntax === BRACKETS ? '((' : '[['), 'the form holds the project syntax only');
        const back = fromCentercodeForm({ ...form, name: original.macro?.name, tagSyntax: syntax });
        const copy = parseMacro(back.text, syntax);
        assert.deepEqual(copy.syntaxProblems, []);
        assert.deepEqual(tagNames(copy), tagNames(original), 'same tags, in the same order');
        assert.deepEqual(copy.macro?.request?.headers ?? {}, original.macro?.request?.headers ?? {});
        if (!/\$\{var:/.test(text)) assert.equal(copy.macro?.request?.url, original.macro?.request?.url);
        // What it sends, with each item of the example's own sample: the same request.
        const samples = (original.macro?.samples ?? []) as string[];
        assert.ok(samples.length, 'the example has a sample');
        for (const s of samples) {
          const sample = parseSampleFile(fs.readFileSync(path.join(EXAMPLES, s), 'utf8'));
          for (const entry of sample.items) {
            if (!entry.item) continue;
            // Centercode's form has no "target": the copy is rendered for the original's (a `${secret:}` URL names none).
            const target = renderMacro(original, { sample: entry.item, vars }).target;
            assert.deepEqual(sent(copy, entry.item, target), sent(original, entry.item, undefined, vars));
          }
        }
      });
    }
  }
});
