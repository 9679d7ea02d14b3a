/**
 * Unified diffs of rendered requests, as `git diff` prints them (`---`/`+++` headers, `@@` hunks with three
 * lines of context), with each hunk headed by the snapshot item it is in (`@@ -5,7 +5,7 @@ ### samples/… [0] …`),
 * as git heads a hunk with its function. Used by `ccmacro test` (what changed on the wire) and `ccmacro diff`.
 * Only the CLI imports this module (it carries the jsdiff library).
 */
import { structuredPatch } from 'diff';
import { visibleLine } from '../common/controlChars';
import { pushAll } from '../common/arrays';

interface UnifiedDiffOptions {
  /** The `---` name, e.g. "a/examples/slack.ccmacro.json (snapshot)". */
  oldLabel: string;
  /** The `+++` name. */
  newLabel: string;
  /** Lines of context around each change (default 3). */
  context?: number;
}

/** The diff of two texts; '' when they are equal. Texts that do not end in a line feed are compared as if they did. */
export function unifiedDiff(oldText: string, newText: string, options: UnifiedDiffOptions): string {
  if (oldText === newText) return '';
  const a = withFinalNewline(oldText);
  const b = withFinalNewline(newText);
  if (a === b) return '';
  const patch = structuredPatch(options.oldLabel, options.newLabel, a, b, undefined, undefined, {
    context: options.context ?? 3,
  });
  const oldLines = a.split('\n');
  const newLines = b.split('\n');
  // Labels name files, and file names are anyone's text: one line each, no control character acting on a terminal.
  const out = [`--- ${visibleLine(options.oldLabel)}`, `+++ ${visibleLine(options.newLabel)}`];
  for (const h of patch.hunks) {
    const heading = hunkHeading(h, oldLines, newLines);
    const range = (start: number, count: number) => (count === 1 ? `${start}` : `${start},${count}`);
    out.push(
      `@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@${heading ? ' ' + heading : ''}`,
    );
    pushAll(out, h.lines);
  }
  return out.join('\n') + '\n';
}

/** The `### item` line the hunk's first change is under (in the new text for an addition, else the old). */
function hunkHeading(
  h: { oldStart: number; newStart: number; lines: string[] },
  oldLines: readonly string[],
  newLines: readonly string[],
): string | undefined {
  let o = h.oldStart - 1;
  let n = h.newStart - 1;
  for (const l of h.lines) {
    if (l.startsWith('-')) return itemAbove(oldLines, o);
    if (l.startsWith('+')) return itemAbove(newLines, n);
    if (l.startsWith(' ')) {
      o++;
      n++;
    }
  }
  return undefined;
}

function itemAbove(lines: readonly string[], index: number): string | undefined {
  for (let i = Math.min(index, lines.length - 1); i >= 0; i--) {
    if (lines[i].startsWith('### ')) {
      const l = lines[i];
      return l.length > 80 ? l.slice(0, 79) + '…' : l;
    }
  }
  return undefined;
}

function withFinalNewline(s: string): string {
  return s === '' || s.endsWith('\n') ? s : s + '\n';
}
