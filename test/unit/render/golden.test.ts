import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseMacro } from '../../../src/core/macro/parse';
import { parseSampleFile } from '../../../src/core/samples/parse';
import { renderMacro } from '../../../src/core/targets/render';
import { LineIndex } from '../../../src/core/common/text';
import { REPO_ROOT } from '../../root';
import { assertGolden } from '../../golden';

// Golden files live in the source tree; `npm run test:update-golden` rewrites the .expected.txt files (review the diff!).
// A missing .expected.txt fails.
const DIR = path.join(REPO_ROOT, 'test/unit/golden');

/** Everything a render produces, as readable text: the request, then each substitution, then problems. */
function describeRender(text: string, sampleText: string): string {
  const sample = parseSampleFile(sampleText).items[0].item!;
  const r = renderMacro(parseMacro(text), { sample });
  const lines = new LineIndex(text);
  let out = '';
  if (r.request) {
    out += `${r.request.method} ${r.request.url}\n`;
    for (const h of r.request.headers) out += `${h.name}: ${h.value}\n`;
    out += `\n${r.request.bodyText ?? '(no body)'}\n`;
  } else {
    out += '(not rendered)\n';
  }
  out += `\n--- target: ${r.target}\n--- substitutions\n`;
  for (const s of r.substitutions) {
    const pos = lines.positionAt(s.source.start);
    const where = s.target.part === 'header' ? `header ${s.target.headerIndex}` : s.target.part;
    const host =
      s.target.part === 'url'
        ? r.request?.url
        : s.target.part === 'header'
          ? r.request?.headers[s.target.headerIndex!].value
          : r.request?.bodyText;
    out += `${pos.line + 1}:${pos.character + 1} ${text.slice(s.source.start, s.source.end)} -> ${where} ${JSON.stringify(host?.slice(s.target.start, s.target.end))}\n`;
  }
  out += '--- problems\n';
  for (const p of r.problems) {
    const pos = lines.positionAt(p.range.start);
    out += `${pos.line + 1}:${pos.character + 1} ${p.severity} ${p.code}: ${p.message}\n`;
  }
  return out;
}

describe('render golden files', () => {
  const sampleText = fs.readFileSync(path.join(DIR, 'golden.sample.json'), 'utf8');
  const macros = fs
    .readdirSync(DIR)
    .filter(f => f.endsWith('.ccmacro.json'))
    .sort();
  it('has a golden macro for each body format and Slack', () => {
    assert.deepEqual(macros, [
      'form.ccmacro.json',
      'json.ccmacro.json',
      'slack.ccmacro.json',
      'text.ccmacro.json',
      'xml.ccmacro.json',
    ]);
  });
  for (const f of macros) {
    it(f.replace('.ccmacro.json', ''), () => {
      const text = fs.readFileSync(path.join(DIR, f), 'utf8');
      const actual = describeRender(text, sampleText);
      const expectedFile = path.join(DIR, f.replace('.ccmacro.json', '.expected.txt'));
      assertGolden(expectedFile, actual);
    });
  }
});
