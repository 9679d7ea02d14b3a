/**
 * Characters that act on a terminal or a log view instead of being shown, or that make text look different from
 * what it is: C0 controls other than tab and newline, DEL, C1 controls (U+0080–U+009F, e.g. U+009B, a one-character
 * CSI), the Unicode line and paragraph separators (U+2028/U+2029), the bidirectional formatting characters
 * (U+061C, U+200E/U+200F, U+202A–U+202E, U+2066–U+2069) that can reorder what is shown, and the zero-width ones
 * (U+200B–U+200D, U+2060, U+FEFF) that are there without showing — e.g. the word joiners Teams escaping inserts.
 * As a regular-expression class; the snapshot format (src/core/snapshot/format.ts) escapes the same characters.
 */
export const HIDDEN_SOURCE =
  '[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u061c\\u200b-\\u200f\\u2028-\\u202e\\u2060\\u2066-\\u2069\\ufeff]';
const HIDDEN_ONE = new RegExp(HIDDEN_SOURCE);
const HIDDEN_ALL = new RegExp(HIDDEN_SOURCE, 'g');

/** Does the text hold a character that `visible` would rewrite? */
function hasHiddenChars(text: string): boolean {
  return HIDDEN_ONE.test(text);
}

/**
 * The one way every human-readable output (terminal, output channel, log documents, messages) shows text that came
 * from outside: each character listed above becomes a visible escape, so `ESC ] 52`, `ESC [2J` or a lone CR can never
 * act on the reader's terminal or forge a log line. Notation: `\r` for CR, `\xHH` (two lowercase hex digits) for the
 * other C0 controls, DEL and C1 controls, `\uHHHH` for the Unicode ones. Newline and tab stay as they are. A backslash
 * is not doubled, so a literal `\x1b` in the text reads the same as an escaped ESC: exact bytes come from
 * `ccmacro render --format body`, not from a log.
 */
export function visible(text: string): string {
  if (!hasHiddenChars(text)) return text;
  return text.replace(HIDDEN_ALL, escapeChar);
}

/**
 * `visible` for text that must stay on one line — a file name, a macro name, a label, a sentence about them — so a
 * line break in it cannot start a line of its own (a forged problem line, a forged CI command): a line feed also
 * shows as `\n`.
 */
export function visibleLine(text: string): string {
  const v = visible(text);
  return v.includes('\n') ? v.replace(/\n/g, '\\n') : v;
}

function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  if (code === 0x0d) return '\\r';
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * JSON text (from JSON.stringify) safe to print on a terminal: the characters above, which JSON.stringify leaves raw
 * inside strings (C1 controls, DEL, U+2028/U+2029, bidi controls), become `\uHHHH` escapes. The JSON value is unchanged.
 */
export function visibleJson(json: string): string {
  if (!hasHiddenChars(json)) return json;
  return json.replace(HIDDEN_ALL, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
