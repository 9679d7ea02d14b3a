import type { Node } from 'jsonc-parser';
import { decodeStringNode } from '../macro/sites';
import { mayHoldTags, mayHoldVars, scanTags, scanVars } from '../tags/scanner';
import type { OffsetRange } from '../common/text';
import type { ValueType } from './types';
import { DEFAULT_TAG_SYNTAX, otherTagSyntax, type TagSyntax } from '../project/tagSyntax';

/** A tag occurrence inside an authored string, or (with `var`) a `${var:NAME}` filled from the active environment. */
export interface TagHole {
  name: string;
  /** Document offsets of `((name))` (of `${var:NAME}`). */
  source: OffsetRange;
  /** A `${var:NAME}`: its value is the environment's, written as if the author had typed it there. */
  var?: true;
}

/**
 * An authored string split into literal text and tags. Literal text already has `\((` turned into `((`;
 * malformed tags (unterminated, empty, invalid) stay literal text (validation reports them).
 * Invariant: literals.length === holes.length + 1 (literal, hole, literal, …, literal).
 */
export interface StringTemplate {
  literals: string[];
  holes: TagHole[];
  /** The whole string node's range in the document. */
  range: OffsetRange;
}

export function compileString(text: string, node: Node, syntax: TagSyntax = DEFAULT_TAG_SYNTAX): StringTemplate {
  const range = { start: node.offset, end: node.offset + node.length };
  // Fast path (most strings): no escapes, so value index i sits at document offset start + 1 + i.
  const raw = text.slice(node.offset + 1, node.offset + node.length - 1);
  if (raw.indexOf('\\') < 0) {
    if (!mayHoldTags(raw, syntax) && !mayHoldVars(raw)) return { literals: [raw], holes: [], range };
    const base = node.offset + 1;
    return split(raw, i => base + i, range, syntax);
  }
  const { value, sourceOffsets } = decodeStringNode(text, node);
  if (!mayHoldTags(value, syntax) && !mayHoldVars(value) && !value.includes(otherTagSyntax(syntax).escape))
    return { literals: [value], holes: [], range };
  return split(value, i => sourceOffsets[i], range, syntax);
}

function split(
  value: string,
  sourceOffset: (i: number) => number,
  range: OffsetRange,
  syntax: TagSyntax,
): StringTemplate {
  const literals: string[] = [];
  const holes: TagHole[] = [];
  let lit = '';
  let from = 0;
  // A backslash before the other syntax's pair is an escape too (`\[[` in a parentheses project is `[[`), so text
  // converted between the syntaxes, which keeps every escape as written, sends the same (src/core/tags/convert.ts).
  const other = otherTagSyntax(syntax);
  const plain = (s: string) => (s.includes(other.escape) ? s.split(other.escape).join(other.open) : s);
  // `${var:NAME}` outside tags, in order with them (a var inside a tag's name is part of that name).
  const vars = scanVars(value);
  let v = 0;
  const varsBefore = (end: number) => {
    for (; v < vars.length && vars[v].start < end; v++) {
      if (vars[v].start < from) continue;
      literals.push(lit + plain(value.slice(from, vars[v].start)));
      lit = '';
      holes.push({
        name: vars[v].name,
        source: { start: sourceOffset(vars[v].start), end: sourceOffset(vars[v].end) },
        var: true,
      });
      from = vars[v].end;
    }
  };
  for (const t of mayHoldTags(value, syntax) ? scanTags(value, syntax) : []) {
    varsBefore(t.start);
    if (t.kind === 'escape') {
      lit += plain(value.slice(from, t.start)) + syntax.open;
      from = t.end;
    } else if (t.kind === 'tag') {
      literals.push(lit + plain(value.slice(from, t.start)));
      lit = '';
      holes.push({ name: t.name, source: { start: sourceOffset(t.start), end: sourceOffset(t.end) } });
      from = t.end;
    }
  }
  varsBefore(value.length);
  literals.push(lit + plain(value.slice(from)));
  return { literals, holes, range };
}

/**
 * The typed-value opt-in: a JSON-body string that is exactly `((Tag)):number`, `((Tag)):boolean` or `((Tag)):json`
 * (no spaces around the suffix) becomes a JSON number / boolean / any JSON value instead of a string.
 * Returns the type when `t` is such a string.
 */
export function typedValueOf(t: StringTemplate): ValueType | undefined {
  if (t.holes.length !== 1 || t.literals[0] !== '' || t.holes[0].var) return undefined;
  const suffix = t.literals[1];
  if (suffix === ':number' || suffix === ':boolean' || suffix === ':json') return suffix.slice(1) as ValueType;
  return undefined;
}

/** For tools (e.g. "Copy for Centercode"): the type suffix of a raw string value, if it is a typed tag. */
export function parseTypedTag(
  value: string,
  syntax: TagSyntax = DEFAULT_TAG_SYNTAX,
): { name: string; type: ValueType } | undefined {
  const tokens = scanTags(value, syntax);
  const t = tokens[0];
  if (tokens.length !== 1 || t.kind !== 'tag' || t.start !== 0) return undefined;
  const suffix = value.slice(t.end);
  if (suffix !== ':number' && suffix !== ':boolean' && suffix !== ':json') return undefined;
  return { name: t.name, type: suffix.slice(1) as ValueType };
}
