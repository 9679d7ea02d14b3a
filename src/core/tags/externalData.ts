/**
 * External data as dynamic tags. Centercode saves a webhook's answer through the macro's `returnValues` into
 * external-data fields, and offers those fields to every macro as dynamic tags (Data Engine). So every
 * `returnValues` name of any macro in the workspace (or CLI run) is a known tag: this index holds them, fed
 * by the host (the editor's workspace scan and watcher, the CLI's list of files) and read by TagCatalogs.
 */
import { macroDisplayName, macroScope, type MacroScope } from '../macro/model';
import { parseMacro } from '../macro/parse';
import { returnValueEntries } from '../macro/returnValues';

/** Where an external-data tag comes from: a `returnValues` entry of a macro (a TagSource). */
export interface ReturnValueSource {
  kind: 'returnValue';
  /** The macro that saves it. */
  path: string;
  /** The entry's name literal in that macro's text (kept current as the macro is edited). */
  offset: number;
  length: number;
  macroName: string;
  /** The response field it is read from, e.g. "key". */
  field: string;
}

export interface ExternalDataTag {
  name: string;
  /** External data lives on the record the saving macro ran on: a feedback macro saves feedback data. */
  scope: MacroScope;
  source: ReturnValueSource;
}

export type ExternalDataFile = { path: string; text: string };

/**
 * The `returnValues` names of a set of macros. Its `version` changes only when a name, field, scope or macro
 * name changes, so typing elsewhere in a macro does not make every catalog resolve again; positions are
 * updated in place.
 */
export class ExternalDataIndex {
  private readonly byMacro = new Map<string, ExternalDataTag[]>();
  private loader: (() => Promise<ExternalDataFile[]>) | undefined;
  private loading: Promise<void> | undefined;
  private versionNumber = 0;
  private listed?: { version: number; tags: ExternalDataTag[] };

  /** Bumped whenever the set of external-data tags changes. */
  get version(): number {
    return this.versionNumber;
  }

  /**
   * How to list every macro (the editor's workspace scan). Called once, on the first `ready()`, so hosts
   * pay for the scan only when a catalog is needed; set again to rescan.
   */
  setLoader(load: () => Promise<ExternalDataFile[]>): void {
    this.loader = load;
    this.loading = undefined;
  }

  /** Resolves once the loader (if any) has run; a failing loader leaves the index as it was. */
  ready(): Promise<void> {
    if (!this.loader) return Promise.resolve();
    this.loading ??= this.loader().then(
      files => {
        for (const f of files) this.setMacro(f.path, f.text);
      },
      () => undefined,
    );
    return this.loading;
  }

  /** Reads (or re-reads) one macro's `returnValues`. True when the tags changed. */
  setMacro(path: string, text: string): boolean {
    const parsed = parseMacro(text);
    const macroName = macroDisplayName(parsed.macro, path);
    const scope = macroScope(parsed.macro);
    const next: ExternalDataTag[] = returnValueEntries(parsed).map(e => ({
      name: e.name,
      scope,
      source: {
        kind: 'returnValue',
        path,
        offset: e.nameRange.start,
        length: e.nameRange.end - e.nameRange.start,
        macroName,
        field: e.field,
      },
    }));
    const prev = this.byMacro.get(path);
    const same =
      !!prev &&
      prev.length === next.length &&
      prev.every(
        (p, i) =>
          p.name === next[i].name &&
          p.scope === next[i].scope &&
          p.source.field === next[i].source.field &&
          p.source.macroName === next[i].source.macroName,
      );
    if (same) {
      prev.forEach((p, i) => {
        p.source.offset = next[i].source.offset;
        p.source.length = next[i].source.length;
      });
      return false;
    }
    if (next.length === 0 && !prev) return false;
    if (next.length === 0) this.byMacro.delete(path);
    else this.byMacro.set(path, next);
    this.versionNumber++;
    return true;
  }

  /** Forgets a deleted macro. True when it had tags. */
  deleteMacro(path: string): boolean {
    if (!this.byMacro.delete(path)) return false;
    this.versionNumber++;
    return true;
  }

  /** Every external-data tag, ordered by macro path, then as written (listed once per version). */
  tags(): ExternalDataTag[] {
    if (this.listed?.version !== this.versionNumber)
      this.listed = {
        version: this.versionNumber,
        tags: [...this.byMacro.keys()].sort().flatMap(p => this.byMacro.get(p)!),
      };
    return this.listed.tags;
  }
}
