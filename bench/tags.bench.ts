/**
 * Tag completion and tag diagnostics on a generated 1 MB macro with a 2,000-tag catalog, each next to
 * JSON.parse of the same document (the cheapest thing any JSON editor feature does) measured in this run.
 */
import { mergeCatalog, parseCatalogText, type TagCatalog } from '../src/core/tags/catalog';
import { completeAt } from '../src/core/tags/completion';
import { analyzeMacro } from '../src/core/tags/locate';
import { checkTags } from '../src/core/check/tags';
import { parseMacro } from '../src/core/macro/parse';
import * as os from 'node:os';
import { line, timeMedian } from './util';

const TARGET_COMPLETION_MS = 2;
const TARGET_DIAGNOSTICS_MS = 30;

function catalogOf(size: number): TagCatalog {
  const tags = [];
  for (let i = 0; tags.length < size - 26; i++)
    tags.push({
      name: `Custom Field ${i}`,
      scope: i % 5 === 0 ? 'user' : 'feedback',
      type: 'text',
      description: `Project field number ${i}`,
      example: `value ${i}`,
    });
  const file = parseCatalogText(JSON.stringify({ tags }));
  return mergeCatalog(true, [{ path: '/bench/.ccmacro/tags.json', file }], []);
}

/** About 1 MB: a JSON body of messages, each mixing known tags, a few typos, escapes and plain text. */
function macroOf(bytes: number): { text: string; cursor: number } {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const s = `    { "text": "#${i} ((Title)) by ((Submitter Name)) \\"quoted\\" in ((Custom Field ${i % 1900})) — ${i % 50 === 0 ? '((Titel))' : '((Severity))'} see ((Feedback URL))", "n": ${i} }`;
    parts.push(s);
    size += s.length + 2;
  }
  const head =
    '{\n  "name": "Bench",\n  "scope": "feedback",\n  "request": {\n    "method": "POST",\n    "url": "https://example.invalid/((Feedback ID))",\n    "body": { "items": [\n';
  const tail = ',\n    { "text": "Typing here: ((Sub" }\n  ] }\n  }\n}\n';
  const text = head + parts.join(',\n') + tail;
  return { text, cursor: text.lastIndexOf('((Sub') + 5 };
}

/**
 * CPU time per run (user + system), averaged over `runs`. Wall-clock medians swing several-fold when
 * the machine is busy (other builds, test hosts); CPU time is what the work itself costs.
 */
function cpuPerRun(fn: () => unknown, runs: number): number {
  for (let i = 0; i < 3; i++) fn();
  const c0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000 / runs;
}

export async function run(report: (line: string) => void): Promise<void> {
  report(
    `machine load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs (wall-clock times below grow with load; CPU times much less)`,
  );
  const catalog = catalogOf(2000);
  const { text, cursor } = macroOf(1_000_000);
  report(`input: ${(text.length / 1e6).toFixed(2)} MB macro, ${catalog.tags.size} tags in the catalog`);
  const baseline = timeMedian(() => JSON.parse(text), 11, 2);
  const baselineCpu = cpuPerRun(() => JSON.parse(text), 11);

  // The editor parses once per document version (diagnostics and every provider share it).
  const analysis = analyzeMacro(text);
  let n = 0;
  const first = (() => {
    const t0 = process.hrtime.bigint();
    n = completeAt(analysis, cursor, catalog)?.length ?? 0;
    return Number(process.hrtime.bigint() - t0) / 1e6;
  })();
  if (n < 1000) throw new Error(`expected ~1,600 completion items, got ${n}`);
  const completion = timeMedian(() => completeAt(analysis, cursor, catalog), 51, 5);
  report(
    line(`completion at ((Sub| (${n} items, parse cached)`, completion, 'JSON.parse', baseline, {
      maxMs: TARGET_COMPLETION_MS,
    }),
  );
  report(
    line(
      '  same, CPU time per call',
      cpuPerRun(() => completeAt(analysis, cursor, catalog), 501),
      'JSON.parse CPU',
      baselineCpu,
      { maxMs: TARGET_COMPLETION_MS },
    ),
  );
  // Items are built once per catalog (a tags.json or sample edit); their markdown waits until VS Code resolves the focused one.
  const fresh = Array.from({ length: 11 }, () => catalogOf(2000));
  let f = 0;
  const afterChange = timeMedian(() => completeAt(analysis, cursor, fresh[f++]), 9, 2);
  report(
    line('completion, first call after the catalog changed', afterChange, 'JSON.parse', baseline, {
      maxMs: TARGET_COMPLETION_MS,
    }),
  );
  // CPU per call, median over fresh catalogs (each measured alone, so garbage from building them is not counted).
  const more = Array.from({ length: 11 }, () => catalogOf(2000));
  const cpu = more
    .map(c => {
      const c0 = process.cpuUsage();
      completeAt(analysis, cursor, c);
      const d = process.cpuUsage(c0);
      return (d.user + d.system) / 1000;
    })
    .sort((a, b) => a - b);
  report(
    line('  same, CPU time per call', cpu[cpu.length >> 1], 'JSON.parse CPU', baselineCpu, {
      maxMs: TARGET_COMPLETION_MS,
    }),
  );
  report(line('  the very first call in this process (JIT warm-up)', first, 'JSON.parse', baseline));
  // Each item's markdown is built once, when VS Code resolves the item in focus.
  const items = completeAt(analysis, cursor, catalog)!;
  let r = 0;
  const resolveOne = timeMedian(() => items[r++ % items.length].documentation.length, 51, 0);
  report(
    line("resolving the focused item's documentation", resolveOne, 'JSON.parse', baseline, {
      maxMs: TARGET_COMPLETION_MS,
    }),
  );
  // After a keystroke the document must be parsed again before the cursor's string is known.
  const edited = [text.slice(0, cursor) + 'm' + text.slice(cursor), text.slice(0, cursor) + 'mi' + text.slice(cursor)];
  let k = 0;
  const afterEdit = timeMedian(() => completeAt(analyzeMacro(edited[k++ % 2]), cursor + 1, catalog), 11, 2);
  report(line('completion incl. re-parse after a keystroke', afterEdit, 'JSON.parse', baseline));

  const parsed = parseMacro(text);
  const problems = checkTags(parsed, catalog);
  if (!problems.some(p => p.code === 'tag/unknown')) throw new Error('expected tag/unknown problems');
  const diagnostics = timeMedian(() => checkTags(parsed, catalog), 11, 2);
  report(
    line(`tag diagnostics, parse cached (${problems.length} problems)`, diagnostics, 'JSON.parse', baseline, {
      maxMs: TARGET_DIAGNOSTICS_MS,
    }),
  );
  report(
    line(
      '  same, CPU time per run',
      cpuPerRun(() => checkTags(parsed, catalog), 11),
      'JSON.parse CPU',
      baselineCpu,
      { maxMs: TARGET_DIAGNOSTICS_MS },
    ),
  );
  const withParse = timeMedian(() => checkTags(parseMacro(text), catalog), 11, 2);
  // The jsonc parse (syntax tree with offsets) is shared by every check and feature of one document version.
  report(line('tag diagnostics incl. jsonc parse', withParse, 'JSON.parse', baseline));
}
