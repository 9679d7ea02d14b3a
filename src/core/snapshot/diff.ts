/**
 * Unified diffs of rendered requests, as `git diff` prints them (`---`/`+++` headers, `@@` hunks with three
 * lines of context), with each hunk headed by the snapshot item it is in (`@@ -5,7 +5,7 @@ ### samples/… [0] …`),
 * as git heads a hunk with its function. Used by `ccmacro test` (what changed on the wire) and `ccmacro diff`.
 * Only the CLI imports this module (it carries the jsdiff library).
 *
 * Both texts come from someone else's pull request, so the work grows linearly with them, whatever they hold. Lines
 * are compared as numbers (one per distinct line), the common start and end are set aside, and the rest is aligned
 * with Myers' algorithm (jsdiff) for at most `maxEdits` changes — O(lines × maxEdits), with maxEdits smaller the
 * longer the texts. Beyond that, the diff is still exact (applying it gives the new text) but coarser: lines that
 * occur once on each side are matched first (the longest run of them in the same order, as patience diff does), the
 * stretches between them are aligned the same bounded way, and a stretch with too many changes is shown removed and
 * added whole. The output says so in a line before `---`.
 */
import { diffArrays } from 'diff';
import { visibleLine } from '../common/controlChars';

interface UnifiedDiffOptions {
  /** The `---` name, e.g. "a/examples/slack.ccmacro.json (snapshot)". */
  oldLabel: string;
  /** The `+++` name. */
  newLabel: string;
  /** Lines of context around each change (default 3). */
  context?: number;
  /** How many line comparisons the exact alignment may cost (tests set it low to reach the coarse one). */
  work?: number;
}

/** Line comparisons the exact alignment may cost: about a second at worst, far less for what people change. */
const DEFAULT_WORK = 20_000_000;
/** The exact alignment finds up to this many changed lines, whatever the size (fewer on long texts, see maxEditsFor). */
const MAX_EDITS = 2000;
const MIN_EDITS = 32;

/** The note printed before `---` when the coarse alignment was used. */
export const COARSE_NOTE =
  '# ccmacro: too many changes to align every line (the diff is exact, but coarser): lines that occur once on each side are matched first, and a stretch between them with many changes is shown removed and added whole.';

/** The diff of two texts; '' when they are equal. Texts that do not end in a line feed are compared as if they did. */
export function unifiedDiff(oldText: string, newText: string, options: UnifiedDiffOptions): string {
  if (oldText === newText) return '';
  const a = lines(oldText);
  const b = lines(newText);
  if (a.length === b.length && a.every((l, i) => l === b[i])) return '';
  const script = lineScript(a, b, options.work);
  // Labels name files, and file names are anyone's text: one line each, no control character acting on a terminal.
  const out: string[] = [];
  if (script.coarse) out.push(COARSE_NOTE);
  out.push(`--- ${visibleLine(options.oldLabel)}`, `+++ ${visibleLine(options.newLabel)}`);
  writeHunks(out, script.runs, a, b, options.context ?? 3);
  return out.join('\n') + '\n';
}

/** The lines of a text; a final line feed ends the last line (it does not start an empty one). */
function lines(text: string): string[] {
  if (text === '') return [];
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

const SAME = 0;
const DEL = 1;
const ADD = 2;
type Op = typeof SAME | typeof DEL | typeof ADD;

/** A run of `n` lines kept (SAME), removed from the old text (DEL) or added from the new one (ADD). */
interface Run {
  op: Op;
  n: number;
}

interface LineScript {
  /** In order: replaying them on the old lines gives the new lines. */
  runs: Run[];
  /** The exact alignment gave up and the coarse one was used. */
  coarse: boolean;
}

/** The runs that turn `a` into `b` (exported for tests). */
function lineScript(a: readonly string[], b: readonly string[], work = DEFAULT_WORK): LineScript {
  // One number per distinct line: comparing numbers is cheap, and occurrence counts index by them.
  const ids = new Map<string, number>();
  const idOf = (l: string) => {
    let v = ids.get(l);
    if (v === undefined) {
      v = ids.size;
      ids.set(l, v);
    }
    return v;
  };
  const x = a.map(idOf);
  const y = b.map(idOf);
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start++;
  let end = 0;
  while (end < x.length - start && end < y.length - start && x[x.length - 1 - end] === y[y.length - 1 - end]) end++;
  const runs = new Runs();
  runs.push(SAME, start);
  const xm = x.slice(start, x.length - end);
  const ym = y.slice(start, y.length - end);
  const maxEdits = maxEditsFor(xm.length + ym.length, work);
  let coarse = false;
  if (!align(xm, ym, maxEdits, runs)) {
    coarse = true;
    alignOnUniqueLines(xm, ym, ids.size, maxEdits, runs);
  }
  runs.push(SAME, end);
  return { runs: runs.list, coarse };
}

/** The most changes the exact alignment looks for: its cost is about (lines × changes), kept under `work`. */
function maxEditsFor(lineCount: number, work: number): number {
  return Math.max(MIN_EDITS, Math.min(MAX_EDITS, Math.floor(work / Math.max(1, lineCount))));
}

/** Runs, with neighbours of the same kind merged. */
class Runs {
  readonly list: Run[] = [];
  push(op: Op, n: number): void {
    if (n <= 0) return;
    const last = this.list[this.list.length - 1];
    if (last && last.op === op) last.n += n;
    else this.list.push({ op, n });
  }
}

/** Myers' alignment of x and y, if it needs at most maxEdits changes: true and the runs pushed, else false. */
function align(x: number[], y: number[], maxEdits: number, runs: Runs): boolean {
  if (x.length === 0 || y.length === 0) {
    runs.push(DEL, x.length);
    runs.push(ADD, y.length);
    return true;
  }
  const changes = diffArrays(x, y, { maxEditLength: maxEdits });
  if (!changes) return false;
  // Within a change, removed lines before added ones (as git prints them).
  let del = 0;
  let add = 0;
  for (const c of changes) {
    if (c.removed) del += c.count;
    else if (c.added) add += c.count;
    else {
      runs.push(DEL, del);
      runs.push(ADD, add);
      del = add = 0;
      runs.push(SAME, c.count);
    }
  }
  runs.push(DEL, del);
  runs.push(ADD, add);
  return true;
}

/**
 * The coarse alignment: the lines that occur exactly once in x and once in y, matched in the longest order they share
 * (patience diff's anchors; O(n log n)), with each stretch between two anchors aligned by `align` — or, when it needs
 * more than maxEdits changes, removed and added whole.
 */
function alignOnUniqueLines(x: number[], y: number[], idCount: number, maxEdits: number, runs: Runs): void {
  const inX = new Int32Array(idCount);
  const inY = new Int32Array(idCount);
  const whereInY = new Int32Array(idCount);
  for (const v of x) inX[v]++;
  y.forEach((v, j) => {
    inY[v]++;
    whereInY[v] = j;
  });
  // Candidate pairs (i in x, j in y) in the order of x; keep the longest subsequence increasing in j.
  const pairs: Array<[number, number]> = [];
  x.forEach((v, i) => {
    if (inX[v] === 1 && inY[v] === 1) pairs.push([i, whereInY[v]]);
  });
  const anchors = longestIncreasing(pairs);
  let i = 0;
  let j = 0;
  const gap = (toI: number, toJ: number) => {
    const gx = x.slice(i, toI);
    const gy = y.slice(j, toJ);
    if (!align(gx, gy, maxEdits, runs)) {
      runs.push(DEL, gx.length);
      runs.push(ADD, gy.length);
    }
  };
  for (const [ai, aj] of anchors) {
    gap(ai, aj);
    runs.push(SAME, 1);
    i = ai + 1;
    j = aj + 1;
  }
  gap(x.length, y.length);
}

/** The longest subsequence of pairs whose second members increase (patience sorting, O(n log n)). */
function longestIncreasing(pairs: ReadonlyArray<[number, number]>): Array<[number, number]> {
  // tails[k]: index (in pairs) of the smallest last element of an increasing subsequence of length k + 1.
  const tails: number[] = [];
  const previous = new Int32Array(pairs.length).fill(-1);
  pairs.forEach(([, j], p) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]][1] < j) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[p] = tails[lo - 1];
    tails[lo] = p;
  });
  const out: Array<[number, number]> = [];
  for (let p = tails.length ? tails[tails.length - 1] : -1; p >= 0; p = previous[p]) out.push(pairs[p]);
  return out.reverse();
}

/** A change: `del` old lines from `o`, `add` new lines from `n` (0-based), with no kept line inside. */
interface Change {
  o: number;
  n: number;
  del: number;
  add: number;
}

/** The `@@` hunks of the runs, `context` kept lines around each change, as `diff -u` groups them. */
function writeHunks(out: string[], runs: readonly Run[], a: readonly string[], b: readonly string[], context: number) {
  const changes: Change[] = [];
  let o = 0;
  let n = 0;
  let open: Change | undefined;
  for (const r of runs) {
    if (r.op === SAME) {
      o += r.n;
      n += r.n;
      open = undefined;
      continue;
    }
    if (!open) changes.push((open = { o, n, del: 0, add: 0 }));
    if (r.op === DEL) {
      open.del += r.n;
      o += r.n;
    } else {
      open.add += r.n;
      n += r.n;
    }
  }
  const headings = new Headings(a, b);
  const range = (start: number, count: number) => (count === 1 ? `${start}` : `${start},${count}`);
  for (let first = 0; first < changes.length;) {
    // One hunk: the changes whose kept lines between them are at most twice the context.
    let last = first;
    while (last + 1 < changes.length && changes[last + 1].o - (changes[last].o + changes[last].del) <= 2 * context)
      last++;
    const f = changes[first];
    const l = changes[last];
    const prevEnd = first > 0 ? changes[first - 1].o + changes[first - 1].del : 0;
    const before = Math.min(context, f.o - prevEnd);
    const nextStart = last + 1 < changes.length ? changes[last + 1].o : a.length;
    const after = Math.min(context, nextStart - (l.o + l.del));
    const oldStart = f.o - before;
    const newStart = f.n - before;
    const oldCount = l.o + l.del + after - oldStart;
    const newCount = l.n + l.add + after - newStart;
    // As diff -u: an empty range starts at the line before it.
    const heading = f.del > 0 ? headings.old(f.o) : headings.new(f.n);
    out.push(
      `@@ -${range(oldCount ? oldStart + 1 : oldStart, oldCount)} +${range(newCount ? newStart + 1 : newStart, newCount)} @@${heading ? ' ' + heading : ''}`,
    );
    let at = oldStart;
    for (let c = first; c <= last; c++) {
      const ch = changes[c];
      for (; at < ch.o; at++) out.push(' ' + a[at]);
      for (let k = 0; k < ch.del; k++) out.push('-' + a[ch.o + k]);
      for (let k = 0; k < ch.add; k++) out.push('+' + b[ch.n + k]);
      at = ch.o + ch.del;
    }
    for (let k = 0; k < after; k++) out.push(' ' + a[at + k]);
    first = last + 1;
  }
}

/**
 * The `### item` line above any line of either text, found in one pass per text (computed when first asked): a hunk's
 * heading is looked up, never searched for.
 */
class Headings {
  private oldAbove?: Int32Array;
  private newAbove?: Int32Array;
  constructor(
    private readonly a: readonly string[],
    private readonly b: readonly string[],
  ) {}
  old(index: number): string | undefined {
    return heading(this.a, (this.oldAbove ??= itemLines(this.a)), index);
  }
  new(index: number): string | undefined {
    return heading(this.b, (this.newAbove ??= itemLines(this.b)), index);
  }
}

/** For each line, the index of the nearest `### ` line at or above it (-1 when there is none). */
function itemLines(lines: readonly string[]): Int32Array {
  const above = new Int32Array(lines.length);
  let last = -1;
  lines.forEach((l, i) => {
    if (l.startsWith('### ')) last = i;
    above[i] = last;
  });
  return above;
}

function heading(lines: readonly string[], above: Int32Array, index: number): string | undefined {
  if (lines.length === 0) return undefined;
  const at = above[Math.min(index, lines.length - 1)];
  if (at < 0) return undefined;
  const l = lines[at];
  return l.length > 80 ? l.slice(0, 79) + '…' : l;
}
