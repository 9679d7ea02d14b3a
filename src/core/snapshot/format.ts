/**
 * The request snapshot format: what a macro sends for each of its sample items, as plain-text HTTP messages a
 * reviewer reads in a pull request. One file per macro, next to it: `escalate.ccmacro.json` →
 * `escalate.snap.http`.
 *
 *     # ccmacro request snapshots of escalate.ccmacro.json: …        ← preamble (comment lines)
 *
 *     ### samples/blockers.sample.json [0] App crashes on export      ← one item: sample, index, label
 *     POST ${secret:SLACK_WEBHOOK_URL}                               ← method and URL as sent
 *     Content-Type: application/json                                 ← headers in the order sent
 *
 *     {                                                              ← the body exactly as sent
 *       "text": "Blocker #10432: App crashes on export"
 *     }
 *
 *     # Return values Centercode would save (from the sample's response, status 201):
 *     #   Jira Key = BETA-123 (from key)
 *
 * Rules, so the text is stable and never ambiguous: LF line endings and no timestamps; items in the order of the
 * macro's `samples` and of each file's items; `${secret:NAME}` / `${env:NAME}` stay placeholders (their values are
 * never read) and credentials written literally are masked as ••••; every line starting with `#` is ccmacro's own,
 * so a content line starting with `#` is written `\#`; text is written with encodeSnapshotText, which is one-to-one
 * (two different requests are never the same snapshot, and decodeSnapshotText reads back exactly what was written);
 * in the `###` line the sample's `[` and `]` are written `\[` and `\]`, so the key reads back for any file name.
 */
import * as path from 'node:path';
import { MACRO_FILE_SUFFIX } from '../macro/fileName';
import { HIDDEN_SOURCE, visible } from '../common/controlChars';

export const SNAPSHOT_SUFFIX = '.snap.http';

/** `escalate.ccmacro.json` → `escalate.snap.http`, in the same folder. */
export function snapshotPathFor(macroPath: string): string {
  const base = macroPath.endsWith(MACRO_FILE_SUFFIX)
    ? macroPath.slice(0, -MACRO_FILE_SUFFIX.length)
    : macroPath.replace(/\.json$/i, '');
  return base + SNAPSHOT_SUFFIX;
}

/** The macro a snapshot file belongs to (`escalate.snap.http` → `escalate.ccmacro.json`). */
export function macroPathForSnapshot(snapshotPath: string): string | undefined {
  if (!snapshotPath.endsWith(SNAPSHOT_SUFFIX)) return undefined;
  return snapshotPath.slice(0, -SNAPSHOT_SUFFIX.length) + MACRO_FILE_SUFFIX;
}

/**
 * Characters written as an escape: the hidden ones (`visible`'s: C0 controls but tab and line feed, DEL, C1
 * controls, line and paragraph separators, bidirectional and zero-width ones), lone surrogates (a UTF-8 file cannot
 * hold them), the Control Pictures the encoding uses for C0 controls (U+2400–U+241F, U+2421) written as text, and a
 * backslash that would otherwise start an escape (followed by `u` and four lowercase hex digits, `#`, `[` or `]`).
 */
const ESCAPED = new RegExp(
  [
    HIDDEN_SOURCE,
    '[\\ud800-\\udbff](?![\\udc00-\\udfff])',
    '(?<![\\ud800-\\udbff])[\\udc00-\\udfff]',
    '[\\u2400-\\u241f\\u2421]',
    '\\\\(?=[#[\\]]|u[0-9a-f]{4})',
  ].join('|'),
  'g',
);

function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code); // ␍ ␛ ␇ …
  if (code === 0x7f) return '\u2421'; // ␡
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Text as the snapshot writes it, one-to-one: C0 controls (but tab and line feed) and DEL as their Control Pictures
 * (a carriage return as ␍), the other hidden characters, lone surrogates and Control Pictures written as text as
 * `\uHHHH`, and a backslash that would read as the start of one of these escapes as `\u005c`. Everything else stays
 * as it is: JSON's own escapes (`\"`, `\n`, `\\`) are not doubled. Line feeds are kept (callers write them).
 */
function encodeSnapshotText(text: string): string {
  return text.replace(ESCAPED, escapeChar);
}

const DECODE = /\\u([0-9a-f]{4})|\\([#[\]])|([\u2400-\u241f\u2421])/g;

/**
 * The text encodeSnapshotText (with ␊ for a line feed, `\#`, `\[`, `\]`) was made from.
 * @public test/unit/snapshot/encoding.test.ts reads it through the module's namespace, which knip cannot follow.
 */
export function decodeSnapshotText(text: string): string {
  return text.replace(DECODE, (_m, hex: string | undefined, char: string | undefined, picture: string | undefined) => {
    if (hex !== undefined) return String.fromCharCode(parseInt(hex, 16));
    if (char !== undefined) return char;
    return picture === '\u2421' ? '\x7f' : String.fromCharCode(picture!.charCodeAt(0) - 0x2400);
  });
}

/** A one-line field (URL, header, label, sample name): encoded, a line feed in it as ␊. */
function oneLine(text: string): string {
  return encodeSnapshotText(text).replace(/\n/g, '\u240a');
}

/** A content line as written in the file: never mistaken for one of ccmacro's `#` lines. */
function contentLine(encoded: string): string {
  return encoded.startsWith('#') ? '\\' + encoded : encoded;
}

/** One sample item's request as the snapshot shows it (already masked; placeholders verbatim). */
export interface SnapshotRequest {
  method: string;
  url: string;
  headers: ReadonlyArray<{ name: string; value: string }>;
  bodyText?: string;
}

interface SnapshotBlockInput {
  /** `samples/blockers.sample.json [0]`: names the item in the file; see itemKey. */
  key: string;
  /** The item's title or name, shown after the key (informative). */
  label?: string;
  request: SnapshotRequest;
  /** The lines under "Return values Centercode would save", with the response they were read from. */
  returnValues?: { from: string; lines: string[] };
}

/** `SAMPLE [INDEX]`, the identity of one item: the sample as written in the macro's `samples` (or builtin:ID). */
export function itemKey(sampleSpec: string, index: number): string {
  return `${sampleSpec} [${index}]`;
}

/** The sample and index of an itemKey (the index is the last ` [N]`, so any sample name splits back). */
function splitKey(key: string): { sample: string; index: string } {
  const m = /^([\s\S]*) \[(\d+)\]$/.exec(key);
  return m ? { sample: m[1], index: m[2] } : { sample: key, index: '0' };
}

/** The block for one item, without a trailing line feed. */
export function formatSnapshotBlock(input: SnapshotBlockInput): string {
  const { sample, index } = splitKey(input.key);
  const label = input.label ? ' ' + oneLine(input.label.replace(/\s+/g, ' ').trim()) : '';
  const lines = [`### ${oneLine(sample).replace(/[[\]]/g, '\\$&')} [${index}]${label}`];
  const r = input.request;
  lines.push(contentLine(oneLine(`${r.method} ${r.url}`)));
  for (const h of r.headers) lines.push(contentLine(oneLine(`${h.name}: ${h.value}`)));
  if (r.bodyText !== undefined) {
    lines.push('');
    if (r.bodyText === '') lines.push('# (empty body)');
    else {
      const encoded = encodeSnapshotText(r.bodyText);
      const body = encoded.endsWith('\n') ? encoded.slice(0, -1) + '\u240a' : encoded;
      for (const l of body.split('\n')) lines.push(contentLine(l));
    }
  }
  if (input.returnValues) {
    lines.push('');
    lines.push(`# Return values Centercode would save (${oneLine(input.returnValues.from)}):`);
    for (const l of input.returnValues.lines) lines.push(`#   ${oneLine(l)}`);
  }
  return lines.join('\n');
}

/** The comment lines that open every snapshot file (the same for every run: no dates, no versions). */
function snapshotPreamble(macroFileName: string): string {
  return [
    `# ccmacro request snapshots of ${visible(macroFileName)}: what is sent for each sample item.`,
    '# Written by "ccmacro test --update"; review changes here like code.',
    '# ${secret:NAME} and ${env:NAME} stand for values that are never written here.',
  ].join('\n');
}

/**
 * Whether a file's text is a snapshot ccmacro wrote (it opens with snapshotPreamble's first words): `test --update`
 * deletes an orphan snapshot only then, never a `.snap.http` file someone else wrote.
 */
export function isCcmacroSnapshot(text: string): boolean {
  return text.replace(/^\uFEFF/, '').startsWith('# ccmacro request snapshots of ');
}

/** The whole file: the preamble, then each block, a blank line between, ending in one line feed. */
export function formatSnapshotFile(macroPath: string, blocks: readonly string[]): string {
  return [snapshotPreamble(path.basename(macroPath)), ...blocks].join('\n\n') + '\n';
}

export interface SnapshotFileItem {
  key: string;
  /** The sample and the item's index the key names. */
  sample: string;
  index: number;
  /** The block as formatSnapshotBlock writes it (no trailing blank lines). */
  block: string;
  /** 0-based line of its `###` line in the file. */
  line: number;
}

interface ParsedSnapshotFile {
  items: SnapshotFileItem[];
}

/**
 * The item a `###` line names: the sample (its `[` and `]` written `\[` and `\]`, so the first ` [` is the index's),
 * the index, then the label. Undefined for any other line.
 */
function readItemHeader(line: string): { key: string; sample: string; index: number } | undefined {
  if (!line.startsWith('### ')) return undefined;
  const at = line.indexOf(' [', 3);
  if (at < 0) return undefined;
  const m = /^ \[(\d+)\](?: |$)/.exec(line.slice(at));
  if (!m) return undefined;
  const sample = decodeSnapshotText(line.slice(4, Math.max(4, at)));
  const index = Number(m[1]);
  return { key: itemKey(sample, index), sample, index };
}

/**
 * Reads a snapshot file back into its items. Line endings are normalised (a checkout may have turned LF into
 * CRLF; a CR that belongs to the content is written as ␍). Lines before the first item are the preamble; a
 * `###` line that names no item stays part of the block before it.
 */
export function parseSnapshotFile(text: string): ParsedSnapshotFile {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const items: SnapshotFileItem[] = [];
  let current: { key: string; sample: string; index: number; line: number; lines: string[] } | undefined;
  const close = () => {
    if (!current) return;
    const l = current.lines;
    while (l.length > 1 && l[l.length - 1] === '') l.pop();
    items.push({
      key: current.key,
      sample: current.sample,
      index: current.index,
      block: l.join('\n'),
      line: current.line,
    });
  };
  lines.forEach((line, i) => {
    const header = readItemHeader(line);
    if (header) {
      close();
      current = { ...header, line: i, lines: [line] };
    } else if (current) current.lines.push(line);
  });
  close();
  return { items };
}

/** The key of a block's `###` line (what parseSnapshotFile would read). */
export function blockKey(block: string): string | undefined {
  return readItemHeader(block.slice(0, block.indexOf('\n') >>> 0))?.key;
}
