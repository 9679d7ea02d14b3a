/**
 * A macro's rendered items against its snapshot file: which match, which changed, which are new, which are
 * gone, and the file text `--update` (or the editor's Update Snapshot) writes.
 */
import type { FileSystemLike } from '../host';
import { formatSnapshotFile, parseSnapshotFile, type SnapshotFileItem } from './format';
import {
  renderMacroSnapshot,
  type MacroSnapshot,
  type SnapshotItem,
  type SnapshotOptions,
  type SnapshotProblem,
} from './render';

export type ItemStatus =
  /** The rendered request is the snapshot. */
  | 'pass'
  /** It differs: `expected` (the snapshot) and `actual` (the render) say how. */
  | 'fail'
  /** The snapshot has no entry for this item yet. */
  | 'new'
  /** The item does not render, or Centercode would save nothing from its response (`item.problems`). */
  | 'error'
  /** Not compared: the snapshot file may not be read (`MacroTestResult.refused` says why). */
  | 'unchecked';

export interface ItemResult {
  item: SnapshotItem;
  status: ItemStatus;
  /** The snapshot's block (fail, and error when there is one). */
  expected?: string;
  /** The rendered block (pass, fail, new; error when the request rendered but a return value failed). */
  actual?: string;
  /** 0-based line of the item in the snapshot file, when it is there. */
  snapshotLine?: number;
}

export interface MacroTestResult {
  snapshot: MacroSnapshot;
  /** The snapshot file's text; undefined when there is none. */
  snapshotText?: string;
  items: ItemResult[];
  /** Entries of the snapshot file no item produces any more (a sample item or sample removed). */
  obsolete: SnapshotFileItem[];
  /**
   * What the snapshot file should hold: every rendered item; items that do not render keep their old entry.
   * Undefined when there is nothing to write (no item renders and there was no entry).
   */
  updatedText?: string;
  /** The file already holds exactly updatedText, or there is nothing to write. */
  upToDate: boolean;
  /**
   * Why the snapshot file may be neither read nor written (a symbolic link, outside the tree: see guard.ts). Then
   * nothing was read, no item was compared, and nothing is to be written.
   */
  refused?: SnapshotProblem;
}

/**
 * Compare a rendered macro with its snapshot file's text (undefined: no snapshot yet). `refused`: the snapshot file
 * may not be used (snapshotPathProblem), so the items are not compared and nothing is written.
 */
export function compareSnapshot(
  snapshot: MacroSnapshot,
  snapshotText: string | undefined,
  refused?: SnapshotProblem,
): MacroTestResult {
  if (refused)
    return {
      snapshot,
      items: snapshot.items.map(item => ({
        item,
        status: item.problems.length || item.block === undefined ? 'error' : 'unchecked',
        ...(item.block !== undefined ? { actual: item.block } : {}),
      })),
      obsolete: [],
      upToDate: true,
      refused,
    };
  const old = snapshotText === undefined ? [] : parseSnapshotFile(snapshotText).items;
  const oldByKey = new Map(old.map(o => [o.key, o]));
  const produced = new Set(snapshot.items.map(i => i.key));
  const items: ItemResult[] = snapshot.items.map(item => {
    const prev = oldByKey.get(item.key);
    const at = prev ? { snapshotLine: prev.line } : {};
    if (item.problems.length || item.block === undefined) {
      const r: ItemResult = { item, status: 'error', ...at };
      if (prev) r.expected = prev.block;
      if (item.block !== undefined) r.actual = item.block;
      return r;
    }
    if (!prev) return { item, status: 'new', actual: item.block };
    return {
      item,
      status: prev.block === item.block ? 'pass' : 'fail',
      expected: prev.block,
      actual: item.block,
      ...at,
    };
  });
  // When the macro does not parse, or a sample cannot be read, its entries are unknown, not obsolete.
  const unread = new Set(snapshot.unreadSamples.map(s => s.replace(/\\/g, '/')));
  const unknown = (o: SnapshotFileItem) => !snapshot.macroParsed || unread.has(o.sample);
  const obsolete = old.filter(o => !produced.has(o.key) && !unknown(o));
  const partial: MacroTestResult = {
    snapshot,
    ...(snapshotText !== undefined ? { snapshotText } : {}),
    items,
    obsolete,
    upToDate: true,
  };
  const updatedText = composeText(partial, () => true, true);
  const normalised = snapshotText?.replace(/\r\n?/g, '\n');
  return {
    ...partial,
    ...(updatedText !== undefined ? { updatedText } : {}),
    upToDate: updatedText === undefined || normalised === updatedText,
  };
}

export interface TestSnapshotOptions extends SnapshotOptions {
  /** Why the snapshot file may not be read (snapshotPathProblem), checked before it is read. */
  guard?: (snapshotPath: string) => Promise<SnapshotProblem | undefined>;
  /** Read the snapshot file through this file system instead (default: the one given). */
  snapshotFs?: FileSystemLike;
}

/** Render a macro and compare it with the snapshot file next to it, both read through `fs`. */
export async function testMacroSnapshot(
  fs: FileSystemLike,
  macroPath: string,
  macroText: string,
  options: TestSnapshotOptions = {},
): Promise<MacroTestResult> {
  const { guard, snapshotFs, ...render } = options;
  const snapshot = await renderMacroSnapshot(macroText, macroPath, fs, render);
  const refused = await guard?.(snapshot.snapshotPath);
  if (refused) return compareSnapshot(snapshot, undefined, refused);
  const read = await (snapshotFs ?? fs).readFile(snapshot.snapshotPath);
  return compareSnapshot(snapshot, read.ok ? read.value : undefined);
}

/**
 * The snapshot file with the items `accept` says yes to written from their render (new and changed ones), every
 * other entry as it was (`dropObsolete`: minus the obsolete entries). What the editor's "Update Snapshot" writes
 * for one item (or every item of a macro); undefined when that changes nothing.
 */
export function snapshotTextAccepting(
  result: MacroTestResult,
  accept: (r: ItemResult) => boolean,
  dropObsolete = false,
): string | undefined {
  if (result.refused) return undefined;
  const text = composeText(result, accept, dropObsolete);
  return text === result.snapshotText?.replace(/\r\n?/g, '\n') ? undefined : text;
}

/** Rendered blocks for passing and accepted items, the snapshot's for the rest, then the other old entries. */
function composeText(
  result: MacroTestResult,
  accept: (r: ItemResult) => boolean,
  dropObsolete: boolean,
): string | undefined {
  const blocks: string[] = [];
  const used = new Set<string>();
  for (const r of result.items) {
    const take = r.status !== 'error' && (r.status === 'pass' || accept(r));
    const block = take ? r.actual : r.expected;
    if (block === undefined) continue;
    blocks.push(block);
    used.add(r.item.key);
  }
  const obsolete = new Set(result.obsolete.map(o => o.key));
  if (result.snapshotText !== undefined)
    for (const o of parseSnapshotFile(result.snapshotText).items)
      if (!used.has(o.key) && !(dropObsolete && obsolete.has(o.key))) blocks.push(o.block);
  return blocks.length ? formatSnapshotFile(result.snapshot.macroPath, blocks) : undefined;
}

/**
 * The snapshot file with only the new items added (what a local `ccmacro test` writes, as Jest does): changed
 * items keep their snapshot, obsolete entries stay until an explicit update. Undefined when nothing is new.
 */
export function textAddingNewItems(result: MacroTestResult): string | undefined {
  if (!result.items.some(i => i.status === 'new')) return undefined;
  return snapshotTextAccepting(result, r => r.status === 'new');
}
