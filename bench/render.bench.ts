/**
 * Rendering a 1 MB JSON body holding 10,000 tags, next to two baselines from the same run:
 * mustache rendering the equivalent template ({{tag}} with its HTML escaping) and JSON.stringify
 * writing the same filled-in value (same 2-space layout). Targets: faster than mustache, within 3x of JSON.stringify.
 */
import Mustache from 'mustache';
import { parseMacro } from '../src/core/macro/parse';
import { renderMacro } from '../src/core/targets/render';
import type { SampleItem } from '../src/core/samples/types';
import { line, timeMedian } from './util';
import type { BenchReport } from './index';

const OCCURRENCES = 10_000;

/** `TAGS` distinct tag names used 10,000 times in all. */
function fixture(TAGS: number) {
  const sample: SampleItem = {};
  const view: Record<string, string> = {};
  for (let t = 0; t < TAGS; t++) {
    const v = `Value ${t}: "quoted", a \\ backslash,\na new line`;
    sample[`Tag ${t}`] = v;
    view[`tag${t}`] = v;
  }
  const filler = 'Text around the tag. ';
  // Each item: two strings, each with one tag inside literal text. 5,000 items → 10,000 tags, ~1 MB rendered.
  const items: Array<{ title: string; text: string }> = [];
  const mustacheItems: Array<{ title: string; text: string }> = [];
  const filled: Array<{ title: string; text: string }> = [];
  for (let i = 0; i < OCCURRENCES / 2; i++) {
    const a = (i * 2) % TAGS;
    const b = (i * 2 + 1) % TAGS;
    items.push({ title: `#${i} ((Tag ${a}))`, text: `${filler}((Tag ${b})) ${filler}` });
    mustacheItems.push({ title: `#${i} {{tag${a}}}`, text: `${filler}{{tag${b}}} ${filler}` });
    filled.push({ title: `#${i} ${sample[`Tag ${a}`]}`, text: `${filler}${sample[`Tag ${b}`]} ${filler}` });
  }
  const macroText = JSON.stringify(
    { name: 'Bench', request: { method: 'POST', url: 'https://x.test/hook', body: { items } } },
    null,
    2,
  );
  const mustacheTemplate = JSON.stringify({ items: mustacheItems }, null, 2);
  return { sample, view, macroText, mustacheTemplate, filled: { items: filled } };
}

export async function run(report: BenchReport): Promise<void> {
  // Realistic (a few hundred distinct tags, reused) and worst case (every tag different).
  for (const distinct of [200, OCCURRENCES]) runOne(report, distinct);
}

function runOne(report: BenchReport, TAGS: number): void {
  const f = fixture(TAGS);
  const parsed = parseMacro(f.macroText);
  const first = renderMacro(parsed, { sample: f.sample });
  if (!first.request || first.substitutions.length !== OCCURRENCES) throw new Error('bench fixture did not render');
  const size = first.request.body!.length;
  if (first.request.bodyText !== JSON.stringify(f.filled, null, 2))
    throw new Error('render and JSON.stringify disagree on the fixture');
  report(
    `body ${(size / 1024 / 1024).toFixed(2)} MB, ${OCCURRENCES.toLocaleString('en-US')} tags (${TAGS.toLocaleString('en-US')} distinct), values with quotes, backslashes and line breaks`,
  );

  Mustache.render(f.mustacheTemplate, f.view); // let mustache cache its parsed template, as renderMacro caches its compiled one
  // Every result is scanned once, so a lazily joined string (a V8 rope) pays for its flattening like a flat one.
  const use = (s: string | undefined) => s!.indexOf('\u0000');
  const utf8 = new TextEncoder();
  const mustache = timeMedian(() => use(Mustache.render(f.mustacheTemplate, f.view)));
  const stringify = timeMedian(() => use(JSON.stringify(f.filled, null, 2)));
  const stringifyBytes = timeMedian(() => utf8.encode(JSON.stringify(f.filled, null, 2)));
  const render = timeMedian(() => use(renderMacro(parsed, { sample: f.sample }).request!.bodyText));
  const renderBytes = timeMedian(() => renderMacro(parsed, { sample: f.sample }).request!.body);

  report(line('renderMacro (body text + substitutions)', render, 'mustache', mustache, { maxRatio: 1 }));
  report(line('renderMacro (body text + substitutions)', render, 'JSON.stringify', stringify, { maxRatio: 3 }));
  report(
    line('renderMacro + UTF-8 body bytes (a send)', renderBytes, 'JSON.stringify + UTF-8', stringifyBytes, {
      maxRatio: 3,
    }),
  );
  if (TAGS === 200) {
    // Informational: the first render after an edit also parses the 1 MB file (jsonc-parser) and compiles it.
    const cold = timeMedian(() => renderMacro(parseMacro(f.macroText), { sample: f.sample }), 7, 1);
    const jsonParse = timeMedian(() => JSON.parse(f.macroText), 7, 1);
    report(line('parseMacro + renderMacro (after an edit)', cold, 'JSON.parse of the macro', jsonParse));
  }
}
