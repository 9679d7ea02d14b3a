import type { CancellationToken, FileSystemLike } from '../host';
import { throwIfCancelled } from '../common/cancellation';
import type { FileTree, PathKindOf } from '../common/tree';
import { parseMacro } from '../macro/parse';
import {
  compareSnapshot,
  snapshotTextAccepting,
  testMacroSnapshot,
  textAddingNewItems,
  type ItemResult,
  type MacroTestResult,
  type TestSnapshotOptions,
} from '../snapshot/compare';
import {
  snapshotPathProblem,
  snapshotSizeProblem,
  snapshotUnsavedProblem,
  snapshotWriteProblem,
  type ShowPath,
} from '../snapshot/guard';
import {
  renderMacroSnapshot,
  snapshotSamples,
  type MacroSnapshot,
  type SnapshotOptions,
  type SnapshotProblem,
} from '../snapshot/render';
import type { MacroDocument } from './context';
import type { ServiceState } from './state';

/**
 * Request snapshots (`ccmacro test`, `ccmacro diff`, the Testing view): every item of a macro's samples rendered as a
 * send would, compared with the `.snap.http` file beside it, and the rules for reading and writing that file.
 * The file format itself (names, blocks) is src/core/snapshot/format.ts.
 */
export interface Snapshots {
  /** Render the macro and compare it with its snapshot (read through `options.snapshotFs`, else the host's files). */
  testSnapshot(doc: MacroDocument, options?: TestSnapshotOptions, token?: CancellationToken): Promise<MacroTestResult>;
  /** Render every item of every sample of the macro into snapshot blocks; `fs` reads the macro's side (`ccmacro diff`). */
  renderSnapshot(
    doc: MacroDocument,
    options?: SnapshotOptions & { fs?: FileSystemLike },
    token?: CancellationToken,
  ): Promise<MacroSnapshot>;
  /** Compare a rendered macro with its snapshot file's text (undefined: there is none; `refused`: it may not be read). */
  compareSnapshot(snapshot: MacroSnapshot, snapshotText?: string, refused?: SnapshotProblem): Promise<MacroTestResult>;
  /** The samples a macro is tested with: its `samples` as written, else the built-in one of its scope. */
  snapshotSamples(doc: MacroDocument): Promise<string[]>;
  /** The snapshot file with the accepted items written from their render (Update Snapshot); undefined: no change. */
  snapshotTextAccepting(
    result: MacroTestResult,
    accept: (r: ItemResult) => boolean,
    dropObsolete?: boolean,
  ): Promise<string | undefined>;
  /** The snapshot file with only the new items added (a local `ccmacro test`); undefined when none is new. */
  textAddingNewItems(result: MacroTestResult): Promise<string | undefined>;
  /** Why the snapshot may be neither read nor written: outside `tree`, through a link, not a file; else undefined. */
  snapshotPathProblem(
    snapshotPath: string,
    tree: FileTree | undefined,
    kindOf: PathKindOf,
    shown: ShowPath,
  ): Promise<SnapshotProblem | undefined>;
  /** Why `text` may not be written as the snapshot (over the size ccmacro reads back); else undefined. */
  snapshotSizeProblem(snapshotPath: string, text: string, shown: ShowPath): Promise<SnapshotProblem | undefined>;
  /** Why a snapshot write failed (the file system's error), in one sentence at the snapshot. */
  snapshotWriteProblem(snapshotPath: string, error: unknown, shown: ShowPath): Promise<SnapshotProblem>;
  /** The snapshot has unsaved changes in an editor: the problem that says it is not written over them. */
  snapshotUnsavedProblem(snapshotPath: string, shown: ShowPath): Promise<SnapshotProblem>;
}

export function snapshots(state: ServiceState): Snapshots {
  return {
    async testSnapshot(doc, options = {}, token) {
      throwIfCancelled(token);
      const result = await testMacroSnapshot(state.fs, doc.path, doc.text, {
        tagSyntax: await state.syntaxOf(doc.path),
        ...options,
      });
      throwIfCancelled(token);
      return result;
    },
    async renderSnapshot(doc, { fs, ...options } = {}, token) {
      throwIfCancelled(token);
      // Read in the syntax of the config next to this text: `ccmacro diff` renders a revision through its files.
      const snapshot = await renderMacroSnapshot(doc.text, doc.path, fs ?? state.fs, {
        tagSyntax: await state.syntaxOf(doc.path, fs),
        ...options,
      });
      throwIfCancelled(token);
      return snapshot;
    },
    compareSnapshot: async (snapshot, text, refused) => compareSnapshot(snapshot, text, refused),
    snapshotSamples: async doc => snapshotSamples(parseMacro(doc.text)),
    snapshotTextAccepting: async (result, accept, dropObsolete) => snapshotTextAccepting(result, accept, dropObsolete),
    textAddingNewItems: async result => textAddingNewItems(result),
    snapshotPathProblem: (p, tree, kindOf, shown) => snapshotPathProblem(p, tree, kindOf, shown),
    snapshotSizeProblem: async (p, text, shown) => snapshotSizeProblem(p, text, shown),
    snapshotWriteProblem: async (p, error, shown) => snapshotWriteProblem(p, error, shown),
    snapshotUnsavedProblem: async (p, shown) => snapshotUnsavedProblem(p, shown),
  };
}
