import { parseMacro } from '../macro/parse';
import { collectStringSites, decodeStringNode } from '../macro/sites';
import { problem, type Problem } from '../common/problem';
import { fail, ok, type Result } from '../common/result';
import type { TagSyntax } from '../project/tagSyntax';
import { scanTags } from './scanner';

/** One replacement in the macro's text: [start, end) becomes newText. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Conversion {
  /** The converted text (the edits applied). */
  text: string;
  /** In document order, never overlapping: what the editor applies as one undoable WorkspaceEdit. */
  edits: TextEdit[];
  /** How many tags were converted. */
  tags: number;
}

/**
 * Converts a macro, parsed in its current syntax (`parsed.tagSyntax`), to `to`: each tag's delimiters
 * (`((Title))` → `[[Title]]`) in the strings where tags are filled in (the URL, header values, body values). Nothing
 * else changes: not the text between, not escapes (`\((` and `\[[` are plain `((` and `[[` in both syntaxes), not
 * keys, header names, comments or formatting, not what is malformed (an unclosed `((` is not a tag and stays).
 *
 * So that converting there and back gives the original bytes, and no tag changes, it refuses (located problems,
 * nothing converted) when the target syntax would read the result differently from what was converted: a string that
 * already holds a tag of the target syntax (a literal `[[x]]` in a parentheses project), a
 * `]]` that would close a converted tag early, or a tag name holding a delimiter character of the target (`((a]b))`
 * cannot be written `[[a]b]]`). A tag whose delimiters are written as `\u` escapes is
 * refused too (`convert/escaped-delimiter`): it could not be given back as written.
 */
export function convertTagSyntax(input: string, from: TagSyntax, to: TagSyntax): Result<Conversion, Problem[]> {
  const parsed = parseMacro(input, from);
  // parsed.text has a byte-order mark replaced by a space, so offsets match `input`; edits apply to `input`.
  const text = parsed.text;
  const edits: TextEdit[] = [];
  const problems: Problem[] = [];
  let tags = 0;
  if (from.id === to.id) return ok({ text: input, edits, tags });
  for (const site of collectStringSites(parsed)) {
    if (!site.tagsAllowed) continue;
    const n = site.node;
    const raw = text.slice(n.offset, n.offset + n.length);
    // Most strings hold no delimiter at all (nor a \u escape that could spell one).
    if (!raw.includes(from.open) && !raw.includes(to.open) && !raw.includes('\\u')) continue;
    const decoded = decodeStringNode(text, n);
    const v = decoded.value;
    const so = decoded.sourceOffsets;
    const at = (start: number, end: number) => ({ start: so[start], end: so[end] });
    // The value converted, and where each converted tag lands in it: scanning the result in the target syntax must
    // find exactly those, and the escapes of the target's pair that were there already (escapes of either pair are
    // kept as written: a backslash before `((` or `[[` keeps it plain text in both syntaxes). Anything else would be
    // read differently, and converting back could not give the original.
    const pieces: string[] = [];
    const expected: Array<{ kind: 'tag' | 'escape'; start: number; end: number }> = scanTags(v, to)
      .filter(t => t.kind === 'escape')
      .map(t => ({ kind: 'escape' as const, start: t.start, end: t.end }));
    let copied = 0;
    const siteEdits: TextEdit[] = [];
    let refused = false;
    for (const t of scanTags(v, from)) {
      if (t.kind !== 'tag') continue;
      // A pair spelt with \u escapes (`\u0028\u0028`) could not be given back as written.
      const plain = (i: number) => so[i + 2] - so[i] === 2;
      if (!plain(t.start) || !plain(t.end - 2)) {
        problems.push(
          problem(
            'convert/escaped-delimiter',
            'error',
            `This tag's ${from.delimiterWords} are written as \\u escapes: write them plainly (${from.open} ${from.close}), then convert again.`,
            at(t.start, t.end),
          ),
        );
        refused = true;
        continue;
      }
      const bad = [...t.name].find(c => c === to.open[0] || c === to.close[0]);
      if (bad !== undefined) {
        problems.push(
          problem(
            'convert/name-holds-delimiter',
            'error',
            `The tag name "${t.name}" holds "${bad}", which a tag written ${to.wrap('Name')} cannot hold: rename the tag in your project, or keep the ${from.id} syntax.`,
            at(t.start, t.end),
          ),
        );
        refused = true;
        continue;
      }
      pieces.push(v.slice(copied, t.start), to.open + v.slice(t.start + 2, t.end - 2) + to.close);
      expected.push({ kind: 'tag', start: t.start, end: t.end });
      copied = t.end;
      siteEdits.push({ ...at(t.start, t.start + 2), newText: to.open }, { ...at(t.end - 2, t.end), newText: to.close });
    }
    if (refused) continue;
    pieces.push(v.slice(copied));
    const converted = pieces.join('');
    expected.sort((a, b) => a.start - b.start);
    // Compare what the target syntax reads in the result with what was produced.
    const found = scanTags(converted, to).filter(t => t.kind === 'tag' || t.kind === 'escape');
    const k = firstDifference(found, expected);
    if (k >= 0) {
      // Where it goes wrong, in the original: the converted tag there, or the text the target syntax now reads.
      const e = expected[k];
      const f = found[k];
      // Delimiters and escapes keep their length, so an index of the result is the same index of the original.
      const range = f && (!e || f.start <= e.start) ? at(f.start, f.end) : at(e.start, e.end);
      problems.push(
        problem(
          'convert/target-syntax-present',
          'error',
          `This text holds ${to.open} or ${to.close} that a project whose tags are written ${to.wrap('Name')} would read as part of a tag: converting would change what is sent, and converting back could not give the original. Change it (or escape a literal ${to.open} after converting), then convert again.`,
          range,
        ),
      );
      continue;
    }
    tags += expected.filter(e => e.kind === 'tag').length;
    for (const e of siteEdits) edits.push(e);
  }
  if (problems.length) return fail(problems);
  return ok({ text: applyEdits(input, edits), edits, tags });
}

/** The index of the first token that is not where it was produced, or -1 when they all are. */
function firstDifference(
  found: ReadonlyArray<{ kind: string; start: number; end: number }>,
  expected: ReadonlyArray<{ kind: string; start: number; end: number }>,
): number {
  const n = Math.max(found.length, expected.length);
  for (let i = 0; i < n; i++) {
    const f = found[i];
    const e = expected[i];
    if (!f || !e || f.kind !== e.kind || f.start !== e.start || f.end !== e.end) return i;
  }
  return -1;
}

/** The text with non-overlapping edits (in document order) applied, in one pass. */
function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const e of edits) {
    parts.push(text.slice(at, e.start), e.newText);
    at = e.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
