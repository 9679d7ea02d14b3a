import { BRACKETS, DEFAULT_TAG_SYNTAX, PARENTHESES, type TagSyntax } from '../project/tagSyntax';

/**
 * The dynamic-tag language, on a decoded string value (not raw JSON source), in the project's tag syntax
 * (src/core/project/tagSyntax.ts). Written here for `((…))`; in a brackets project read `[[`, `]]` and `\[[`:
 *
 * - A tag is `((` name `))`. The tag opens at the last two of a run of `(` (so `(((Title)))` is a
 *   literal `(`, the tag ((Title)) and a literal `)`) and closes at the first `))` after it.
 * - The name is the text between, with spaces and tabs at both ends ignored: `(( Title ))` is ((Title)).
 *   It may hold any character except `(`, `)`, line breaks and other control characters (a tab inside
 *   a name makes it invalid), so
 *   `((Feedback ID))`, `((Priorité))` and `((Submitter E-mail))` are all names. Names match exactly (case counts).
 * - `\((` is a literal `((` that is never a tag (in JSON source the backslash is doubled: `"\\(("`). A backslash
 *   before the other syntax's pair (`\[[` here) is an escape too when rendering (see compileString), so converting a
 *   macro between the syntaxes keeps its escapes as written.
 * - A `((` with no `))` after it on its line, or with another `((` before its `))`, is unterminated
 *   (`((Title and ((Name))` is an unterminated `((` followed by the tag ((Name))).
 *
 * Offsets in tokens are indexes into the scanned value.
 */
export type TagToken =
  | { kind: 'tag'; start: number; end: number; name: string; nameStart: number; nameEnd: number }
  /** `((` with no `))` after it. end = value length (or the line break that stopped it). */
  | { kind: 'unterminated'; start: number; end: number; name: string; nameStart: number }
  /** `(())` or `((  ))`. */
  | { kind: 'empty'; start: number; end: number }
  /** A name holding a character names may not hold, e.g. `((a(b))` or a line break. */
  | { kind: 'invalid'; start: number; end: number; name: string; nameStart: number; nameEnd: number; badChar: string }
  /** `\((`: start is the backslash, end is after the parentheses. */
  | { kind: 'escape'; start: number; end: number };

const BACKSLASH = 92;

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

export function scanTags(value: string, syntax: TagSyntax = DEFAULT_TAG_SYNTAX): TagToken[] {
  const tokens: TagToken[] = [];
  const OPEN = syntax.openCode;
  const CLOSE = syntax.closeCode;
  const open = syntax.open;
  const close = syntax.close;
  let from = 0;
  const len = value.length;
  // The next `((` and `))` at or after a position, each searched again only once the scan has passed the last one
  // found: every character is looked at a bounded number of times, so the scan is linear even when no `))` follows
  // thousands of `((` (searching the rest of the value again for each would be quadratic).
  let openAt = -2;
  let closeAt = -2;
  const nextOpenFrom = (at: number) => {
    if (openAt !== -1 && openAt < at) openAt = value.indexOf(open, at);
    return openAt;
  };
  const nextCloseFrom = (at: number) => {
    if (closeAt !== -1 && closeAt < at) closeAt = value.indexOf(close, at);
    return closeAt;
  };
  for (;;) {
    let i = nextOpenFrom(from);
    if (i < 0) break;
    // Escape: a backslash right before the first `(` of the run.
    if (i > 0 && value.charCodeAt(i - 1) === BACKSLASH) {
      tokens.push({ kind: 'escape', start: i - 1, end: i + 2 });
      from = i + 2;
      continue;
    }
    // Open at the last two of a run of `(`.
    while (i + 2 < len && value.charCodeAt(i + 2) === OPEN) i++;
    const start = i;
    const inner = i + 2;
    const close = nextCloseFrom(inner);
    // A second `((` before the close means this one was never closed (`((Title and ((Name))`):
    // report it unterminated and scan again from the second one, so the later tag still counts.
    const nextOpen = nextOpenFrom(inner);
    const reopened = nextOpen >= 0 && (close < 0 || nextOpen < close);
    const limit = reopened ? nextOpen : close < 0 ? len : close;
    let lineBreak = -1;
    let paren = -1;
    let sawTab = false;
    for (let k = inner; k < limit; k++) {
      const c = value.charCodeAt(k);
      // Tabs are trimmed at the ends and invalid inside (checked below); other control characters end the tag.
      if (c === 9) sawTab = true;
      else if (c === OPEN || c === CLOSE) {
        if (paren < 0) paren = k;
      } else if (c < 32 || c === 127 || c === 0x2028 || c === 0x2029) {
        lineBreak = k;
        break;
      }
    }
    // A line break or control character ends an unclosed `((` on its line; otherwise it runs to the limit.
    const unterminatedEnd = lineBreak >= 0 ? lineBreak : reopened || close < 0 ? limit : -1;
    if (unterminatedEnd >= 0) {
      const name = value.slice(inner, unterminatedEnd).trim();
      tokens.push({ kind: 'unterminated', start, end: unterminatedEnd, name, nameStart: inner });
      from = unterminatedEnd;
      continue;
    }
    let ns = inner;
    let ne = close;
    while (ns < ne && isSpace(value.charCodeAt(ns))) ns++;
    while (ne > ns && isSpace(value.charCodeAt(ne - 1))) ne--;
    let tab = -1;
    if (sawTab)
      for (let k = ns; k < ne; k++)
        if (value.charCodeAt(k) === 9) {
          tab = k;
          break;
        }
    if (paren >= 0 || tab >= 0) {
      const bad = paren >= 0 && (tab < 0 || paren < tab) ? paren : tab;
      tokens.push({
        kind: 'invalid',
        start,
        end: close + 2,
        name: value.slice(ns, ne),
        nameStart: ns,
        nameEnd: ne,
        badChar: value[bad],
      });
    } else if (ns === ne) {
      tokens.push({ kind: 'empty', start, end: close + 2 });
    } else {
      tokens.push({ kind: 'tag', start, end: close + 2, name: value.slice(ns, ne), nameStart: ns, nameEnd: ne });
    }
    from = close + 2;
  }
  return tokens;
}

/** True when the value holds `((` (the syntax's opening pair) at all: the cheap pre-check for hot paths. */
export function mayHoldTags(value: string, syntax: TagSyntax = DEFAULT_TAG_SYNTAX): boolean {
  return value.indexOf(syntax.open) >= 0;
}

/** `${secret:NAME}` and `${env:NAME}` placeholders, resolved at send time. NAME is [A-Za-z_][A-Za-z0-9_]*. */
interface PlaceholderToken {
  kind: 'secret' | 'env';
  name: string;
  start: number;
  end: number;
}

const PLACEHOLDER = /\$\{(secret|env):([A-Za-z_][A-Za-z0-9_]*)\}/g;

export function scanPlaceholders(value: string): PlaceholderToken[] {
  const out: PlaceholderToken[] = [];
  if (value.indexOf('${') < 0) return out;
  for (const m of value.matchAll(PLACEHOLDER)) {
    out.push({ kind: m[1] as 'secret' | 'env', name: m[2], start: m.index!, end: m.index! + m[0].length });
  }
  return out;
}

/**
 * `${var:NAME}`: a value from the active environment (.ccmacro/environments.json, src/core/environments), filled in
 * by the render wherever the author wrote it (URL, headers, body). NAME as for the other placeholders.
 */
interface VarToken {
  name: string;
  start: number;
  end: number;
}

const VAR = /\$\{var:([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** True when the value may hold a `${var:…}`: the cheap pre-check for hot paths. */
export function mayHoldVars(value: string): boolean {
  return value.indexOf('${var:') >= 0;
}

export function scanVars(value: string): VarToken[] {
  const out: VarToken[] = [];
  if (!mayHoldVars(value)) return out;
  for (const m of value.matchAll(VAR)) out.push({ name: m[1], start: m.index!, end: m.index! + m[0].length });
  return out;
}

/** `${...}` that looks like a placeholder but is not a valid one, e.g. `${secrets:X}` or `${secret:}`. */
export function scanMalformedPlaceholders(value: string): Array<{ start: number; end: number; text: string }> {
  const out: Array<{ start: number; end: number; text: string }> = [];
  if (value.indexOf('${') < 0) return out;
  for (const m of value.matchAll(/\$\{([^}]*)\}?/g)) {
    PLACEHOLDER.lastIndex = 0;
    if (!/^\$\{(secret|env|var):[A-Za-z_][A-Za-z0-9_]*\}$/.test(m[0]))
      out.push({ start: m.index!, end: m.index! + m[0].length, text: m[0] });
  }
  return out;
}

/** The literal text a value stands for once escapes are removed and tags are left untouched (for display). */
export function unescapeLiteralParens(value: string): string {
  // Either pair's escape, in either syntax (see compileString).
  if (value.indexOf('\\') < 0) return value;
  return value.split(PARENTHESES.escape).join(PARENTHESES.open).split(BRACKETS.escape).join(BRACKETS.open);
}
