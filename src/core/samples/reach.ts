import { outsideTreeError, type FileReadError } from '../common/decode';
import { problem, type Problem } from '../common/problem';
import type { OffsetRange } from '../common/text';
import { isInsideTree, type FileTree } from '../common/tree';

/**
 * Where a macro's sample files may be read from. A macro names its samples by path, so a hostile one could name
 * `../../.aws/credentials.json` and copy any JSON file of the reviewer's machine into a snapshot, a diff or a
 * problem message. `ccmacro test`, `diff` and `validate` and the Testing view read samples only inside the tree
 * (the repository, the workspace folder) unless the user opts in; the editor's preview reads them and says so.
 */
export interface SampleReach {
  tree: FileTree;
  /**
   * A sample outside the tree: `refuse` (not read; an error at its `samples` entry), `warn` (read, with a warning
   * there: the editor), `allow` (read: `--allow-outside`, the setting `ccmacro.samples.allowOutsideWorkspace`).
   */
  outside: 'refuse' | 'warn' | 'allow';
  /** Where a path's symbolic links lead (undefined when it cannot be told), so a link out of the tree counts as out. */
  realPath?: (p: string) => Promise<string | undefined>;
}

/** Is the sample file outside the tree: by its path (`..`, an absolute path), or where its links lead? */
export async function isOutsideReach(file: string, reach: SampleReach): Promise<boolean> {
  if (!isInsideTree(reach.tree.root, file)) return true;
  if (!reach.realPath) return false;
  const [real, root] = await Promise.all([reach.realPath(file), reach.realPath(reach.tree.root)]);
  return real !== undefined && root !== undefined && !isInsideTree(root, real);
}

/**
 * The one rule for the other files a run reads (a macro file, a `.ccmacro/tags.json` catalog): outside the tree (by
 * path or through a link) it is not read, unless the user allowed reading outside (`allow`); the editor's `warn`
 * refuses too, as only samples have a place to show the warning. Undefined when it may be read.
 */
export async function outsideRefusal(file: string, reach: SampleReach | undefined): Promise<FileReadError | undefined> {
  if (!reach || reach.outside === 'allow' || !(await isOutsideReach(file, reach))) return undefined;
  return outsideTreeError(reach.tree.name);
}

/** Should a sample at `file` be left unread? */
export async function refusesSample(file: string, reach: SampleReach | undefined): Promise<boolean> {
  return reach?.outside === 'refuse' && (await isOutsideReach(file, reach));
}

/**
 * `sample/outside`, at `range` (the macro's `samples` entry): an error when the reach refuses the file, a warning
 * when it reads it anyway (the editor).
 */
export function outsideSampleProblem(spec: string, reach: SampleReach, range: OffsetRange): Problem {
  const where = reach.tree.name;
  if (reach.outside === 'warn')
    return problem(
      'sample/outside',
      'warning',
      `The sample file "${spec}" is outside ${where}: the preview reads it, but the Testing view and ccmacro test, validate and diff do not unless you allow it (setting ccmacro.samples.allowOutsideWorkspace, option --allow-outside)`,
      range,
    );
  return problem(
    'sample/outside',
    'error',
    `The sample file "${spec}" is outside ${where}, so ccmacro does not read it (a macro could otherwise copy any file of this machine into a snapshot or a report): keep samples inside ${where}, or, if you trust this macro, run with --allow-outside (in VS Code: the setting ccmacro.samples.allowOutsideWorkspace)`,
    range,
  );
}

/**
 * Whether the preview may open a sample file it was asked to reveal (see revealTarget) straight away: `open` inside
 * the macro's tree (or when the user allowed reading outside it), `ask` when it lies outside, by its path or through a
 * symbolic link — the one rule for reading outside the tree (samples/reach.ts), so the editor asks before it opens such
 * a file on a click in a preview of someone else's macro.
 */
export async function revealConsent(target: string, reach: SampleReach | undefined): Promise<'open' | 'ask'> {
  return (await outsideRefusal(target, reach)) ? 'ask' : 'open';
}
