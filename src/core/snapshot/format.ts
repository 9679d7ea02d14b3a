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
 * so a content line starting with `#` (or with backslashes then `#`) gets one more leading backslash; control
 * characters other than tab and line feed show as their Unicode pictures (CR as ␍); a body ending in a line feed
 * shows it as a final ␊, an empty body as `# (empty body)`.
 */
import * as path from 'node:path';
import { MACRO_FILE_SUFFIX } from '../macro/fileName';
import { visible } from '../common/controlChars';

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

/** A content line as written in the file: visible, and never mistaken for one of ccmacro's `#` lines. */
function contentLine(line: string): string {
  const v = visible(line);
  return /^\\*#/.test(v) ? '\\' + v : v;
}

/** One sample item's request as the snapshot shows it (already masked; placeholders verbatim). */
export interface SnapshotRequest {
  method: string;
  url: string;
  headers: ReadonlyArray<{ name: string; value: string }>;
  bodyText?: string;
}

export interface SnapshotBlockInput {
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

/** The block for one item, without a trailing line feed. */
export function formatSnapshotBlock(input: SnapshotBlockInput): string {
  const label = input.label ? ' ' + input.label.replace(/\s+/g, ' ').trim() : '';
  const lines = [visible(`### ${input.key}${label}`)];
  const r = input.request;
  lines.push(contentLine(`${r.method} ${r.url}`));
  for (const h of r.headers) lines.push(contentLine(`${h.name}: ${h.value}`));
  if (r.bodyText !== undefined) {
    lines.push('');
    if (r.bodyText === '') lines.push('# (empty body)');
    else {
      const body = r.bodyText.endsWith('\n') ? r.bodyText.slice(0, -1) + '\u240a' : r.bodyText;
      for (const l of body.split('\n')) lines.push(contentLine(l));
    }
  }
  if (input.returnValues) {
    lines.push('');
    lines.push(`# Return values Centercode would save (${input.returnValues.from}):`);
    for (const l of input.returnValues.lines) lines.push(visible(`#   ${l.replace(/\r\n|\r|\n/g, ' ')}`));
  }
  return lines.join('\n');
}

/** The comment lines that open every snapshot file (the same for every run: no dates, no versions). */
export function snapshotPreamble(macroFileName: string): string {
  return [
    `# ccmacro request snapshots of ${visible(macroFileName)}: what is sent for each sample item.`,
    '# Written by "ccmacro test --update"; review changes here like code.',
    '# ${secret:NAME} and ${env:NAME} stand for values that are never written here.',
  ].join('\n');
}

/** The whole file: the preamble, then each block, a blank line between, ending in one line feed. */
export function formatSnapshotFile(macroPath: string, blocks: readonly string[]): string {
  return [snapshotPreamble(path.basename(macroPath)), ...blocks].join('\n\n') + '\n';
}

export interface SnapshotFileItem {
  key: string;
  /** The block as formatSnapshotBlock writes it (no trailing blank lines). */
  block: string;
  /** 0-based line of its `###` line in the file. */
  line: number;
}

export interface ParsedSnapshotFile {
  items: SnapshotFileItem[];
}

const ITEM_HEADER = /^### (.*? \[\d+\])(?: .*)?$/;

/**
 * Reads a snapshot file back into its items. Line endings are normalised (a checkout may have turned LF into
 * CRLF; a CR that belongs to the content is written as ␍). Lines before the first item are the preamble; a
 * `###` line that names no item stays part of the block before it.
 */
export function parseSnapshotFile(text: string): ParsedSnapshotFile {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const items: SnapshotFileItem[] = [];
  let current: { key: string; line: number; lines: string[] } | undefined;
  const close = () => {
    if (!current) return;
    const l = current.lines;
    while (l.length > 1 && l[l.length - 1] === '') l.pop();
    items.push({ key: current.key, block: l.join('\n'), line: current.line });
  };
  lines.forEach((line, i) => {
    const m = ITEM_HEADER.exec(line);
    if (m) {
      close();
      current = { key: m[1], line: i, lines: [line] };
    } else if (current) current.lines.push(line);
  });
  close();
  return { items };
}

/** The key of a block's `###` line (what parseSnapshotFile would read). */
export function blockKey(block: string): string | undefined {
  return ITEM_HEADER.exec(block.slice(0, block.indexOf('\n') >>> 0))?.[1];
}
