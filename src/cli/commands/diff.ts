import { existsSync, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { createCcmacroService, type CcmacroService } from '../../core';
import { visible, visibleLine } from '../../core/common/controlChars';
import { formatProblem } from '../../core/common/problem';
import { LineIndex } from '../../core/common/text';
import type { FileSystemLike } from '../../core/host';
import { MACRO_FILE_SUFFIX } from '../../core/macro/fileName';
import { unifiedDiff } from '../../core/snapshot/diff';
import { formatSnapshotBlock } from '../../core/snapshot/format';
import type { MacroSnapshot, SnapshotProblem } from '../../core/snapshot/render';
import { inertText } from '../ciSafe';
import { Git } from '../git';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError, type CommandHandler } from '../io';
import { fileReadError, formatFileReadError, isAccessFailure, type FileReadError } from '../../core/common/decode';
import { nodeFileSystem } from '../nodeFs';
import { checkEnvironmentName, ENV_ARG_OPTIONS, environmentOption } from '../environment';
import { ALLOW_OUTSIDE_HELP, ALLOW_OUTSIDE_OPTIONS, allowsOutside, readInTree, sampleReach } from '../tree';
import type { SampleReach } from '../../core/samples/reach';
import { cliTreeHost } from '../tagSyntax';
import { colorDiff } from '../testReport';

const HELP = `Usage: ccmacro diff [REV] [PATH...] [--format text|markdown] [--allow-outside] [--env NAME]

Shows what changed macros send: every *.ccmacro.json that differs between the git revision
REV (default HEAD) and the working tree is rendered in both versions, against the same sample
items (the working tree's), and the unified diff of the rendered requests is printed, one hunk
heading per sample item. Macros whose requests stay the same are not shown; added and removed
macros are shown whole. \${secret:NAME} and \${env:NAME} stay placeholders: no secret is read.

PATH limits the comparison to files or folders (default: the whole repository).

Options:
  --format text       (default) unified diffs, coloured on a terminal
  --format markdown   a block to paste into a pull-request comment
${ALLOW_OUTSIDE_HELP}
  --env NAME    checked against each macro's environments (default: CCMACRO_ENV); snapshots keep
                \${var:NAME} by name, so they are the same in every environment

A changed macro that cannot be read (NUL bytes, not UTF-8, a name that is not UTF-8, a pipe
or a dangling link) is listed with its file/... code, and the others are still compared.

Needs git and a repository. Exit codes: 0 shown (also when nothing changed), 1 a changed macro
cannot be read or a macro's sample is outside the repository (printed on stderr as
path:line:col), 2 usage error, not a git repository, an unknown revision, or a changed macro
that cannot be reached (a pipe, a dangling link).`;

interface Side {
  snapshot?: MacroSnapshot;
  /** The rendered requests, item by item (key → block), and the whole text that is diffed. */
  blocks: Map<string, string>;
  text: string;
}

interface MacroChange {
  repoPath: string;
  shown: string;
  name: string;
  kind: 'changed' | 'added' | 'removed';
  diff: string;
  /** Items whose rendered request differs, and how many items there are. */
  changedItems: number;
  totalItems: number;
}

export const diffCommand: CommandHandler = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      ...ALLOW_OUTSIDE_OPTIONS,
      ...ENV_ARG_OPTIONS,
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(HELP + '\n');
    return EXIT_OK;
  }
  const format = values.format;
  if (format !== 'text' && format !== 'markdown')
    throw new UsageError(`--format must be text or markdown (not "${format}")`);

  const git = await Git.open(io.cwd, io.env);
  const cwd = await fsp.realpath(io.cwd);
  let rev = 'HEAD';
  let paths = positionals;
  if (positionals.length && !existsSync(path.resolve(cwd, positionals[0]))) {
    if (!(await git.commit(positionals[0]))) throw new UsageError(await unknownRevision(git, positionals[0]));
    rev = positionals[0];
    paths = positionals.slice(1);
  }
  if (!(await git.commit(rev)))
    throw new UsageError(
      rev === 'HEAD'
        ? 'the repository has no commit yet: commit the macros once, then ccmacro diff shows what changes'
        : `unknown git revision "${rev}"`,
    );
  const pathspecs = paths.map(p => {
    const rel = git.relative(path.resolve(cwd, p));
    if (rel === undefined) throw new UsageError(`${p} is outside the repository ${git.root}`);
    return rel || '.';
  });

  const listed = await git.changedPaths(rev, pathspecs);
  const changed = listed.paths.filter(p => p.endsWith(MACRO_FILE_SUFFIX));
  const reach = sampleReach({ root: git.root, name: 'the repository' }, allowsOutside(values));
  await checkEnvironmentName(
    createCcmacroService({ fs: nodeFileSystem }),
    changed.map(p => path.join(git.root, ...p.split('/'))).filter(f => existsSync(f)),
    environmentOption(values.env, io),
    io,
    async () => reach,
  );
  // Each side in its own revision's project config (its tag syntax): a commit that converts a project sends the same.
  const core = createCcmacroService({ fs: nodeFileSystem, ...cliTreeHost({ root: git.root }) });
  const atRev = git.filesAt(rev);
  /** Samples outside the repository, not read: located lines for stderr. */
  const refused = new Set<string>();
  const changes: MacroChange[] = [];
  const sameRequests: string[] = [];
  const shownOf = (repoPath: string) =>
    path
      .relative(cwd, path.join(git.root, ...repoPath.split('/')))
      .split(path.sep)
      .join('/') || repoPath;
  // A changed macro that cannot be read (NUL bytes, not UTF-8, a pipe, a name that is not UTF-8) is reported, and the
  // others are still compared.
  const unreadable: Unreadable[] = listed.notUtf8
    .filter(p => p.endsWith(MACRO_FILE_SUFFIX))
    .map(p => ({ shown: shownOf(p), error: fileReadError('name-not-utf8') }));
  for (const repoPath of changed) {
    const abs = path.join(git.root, ...repoPath.split('/'));
    const shown = shownOf(repoPath);
    const oldRead = await git.show(rev, repoPath);
    // The working tree's side is read only inside the repository (a link out of it is reported, never read).
    const newRead = await readInTree(abs, reach);
    if (oldRead && !oldRead.ok) unreadable.push({ shown, error: oldRead.error, rev });
    if (!newRead.ok && newRead.error.kind !== 'missing') unreadable.push({ shown, error: newRead.error });
    if ((oldRead && !oldRead.ok) || (!newRead.ok && newRead.error.kind !== 'missing')) continue;
    const oldText = oldRead?.ok ? oldRead.value : undefined;
    const newText = newRead.ok ? newRead.value : undefined;
    if (oldText === undefined && newText === undefined) continue;
    const after =
      newText === undefined ? undefined : await renderSide(core, newText, abs, nodeFileSystem, nodeFileSystem, reach);
    // The same sample items on both sides: the working tree's (the revision's for a removed macro).
    const samples = newText !== undefined ? await core.snapshotSamples({ path: abs, text: newText }) : undefined;
    const before =
      oldText === undefined
        ? undefined
        : await renderSide(core, oldText, abs, atRev, newText === undefined ? atRev : nodeFileSystem, reach, samples);
    for (const p of (after ?? before)?.snapshot?.problems ?? [])
      if (p.problem.code === 'sample/outside')
        refused.add(formatProblem(shown, p.problem, p.text !== undefined ? new LineIndex(p.text) : undefined));
    const a = before?.text ?? '';
    const b = after?.text ?? '';
    if (a === b) {
      sameRequests.push(shown);
      continue;
    }
    const keys = new Set([...(before?.blocks.keys() ?? []), ...(after?.blocks.keys() ?? [])]);
    let changedItems = 0;
    for (const k of keys) if (before?.blocks.get(k) !== after?.blocks.get(k)) changedItems++;
    const diff = unifiedDiff(a, b, {
      oldLabel: oldText === undefined ? '/dev/null' : `a/${repoPath} (${rev}, rendered)`,
      newLabel: newText === undefined ? '/dev/null' : `b/${repoPath} (working tree, rendered)`,
    });
    changes.push({
      repoPath,
      shown,
      name: (after ?? before)!.snapshot?.macroName ?? path.basename(repoPath),
      kind: oldText === undefined ? 'added' : newText === undefined ? 'removed' : 'changed',
      diff,
      changedItems,
      totalItems: keys.size,
    });
  }

  // Names, file names and request lines are anyone's text: no line may read as a CI command.
  io.stdout(
    inertText(
      format === 'markdown'
        ? markdown(changes, sameRequests, rev, unreadable)
        : text(changes, sameRequests, rev, !!io.color, unreadable),
    ),
  );
  if (refused.size) io.stderr([...refused].join('\n') + '\n');
  if (unreadable.some(u => isAccessFailure(u.error))) return EXIT_USAGE;
  return unreadable.length || refused.size ? EXIT_PROBLEMS : EXIT_OK;
};

/** A changed macro that could not be compared: in the working tree, or at `rev`. */
interface Unreadable {
  shown: string;
  error: FileReadError;
  rev?: string;
}

/** The line `validate` prints for a file it cannot read, naming the revision when it is the old side. */
function unreadableLine(u: Unreadable): string {
  return formatFileReadError(u.rev ? `${u.shown} (at ${u.rev})` : u.shown, u.error);
}

/**
 * Why a revision cannot be compared with. In a shallow clone (GitHub's actions/checkout fetches only the commit it
 * checks out, so `origin/main` is not there) it says so, and the fetch that brings the revision: a remote's branch
 * at depth 1 (all `diff` needs is that commit's files), anything else the whole history.
 */
async function unknownRevision(git: Git, rev: string): Promise<string> {
  if (!(await git.isShallow())) return `"${rev}" is neither a git revision nor a file or folder`;
  const remote = (await git.remotes()).find(r => rev.startsWith(`${r}/`) && rev.length > r.length + 1);
  const fetch = remote
    ? `git fetch --no-tags --depth=1 ${remote} ${rev.slice(remote.length + 1)}`
    : 'git fetch --unshallow';
  return (
    `"${rev}" is not in this clone: it is a shallow clone, with only the latest commits (as actions/checkout makes by ` +
    `default). Fetch the revision first: run "${fetch}", then ccmacro diff again (in a GitHub workflow, see ` +
    `"Review what changed" in docs/ci.md).`
  );
}

/** One version of a macro rendered into the text that is diffed: its items' requests, errors as comment lines. */
async function renderSide(
  core: CcmacroService,
  macroText: string,
  macroPath: string,
  fs: FileSystemLike,
  sampleFs: FileSystemLike,
  sampleReach: SampleReach,
  samples?: readonly string[],
): Promise<Side> {
  const snapshot = await core.renderSnapshot(
    { path: macroPath, text: macroText },
    { fs, sampleFs, sampleReach, ...(samples ? { samples } : {}) },
  );
  const blocks = new Map<string, string>();
  const parts: string[] = [];
  if (snapshot.problems.length) parts.push(problemComments(snapshot.problems, macroPath).join('\n'));
  for (const item of snapshot.items) {
    let block = item.block;
    if (item.problems.length) {
      const head =
        block ?? formatSnapshotBlock({ key: item.key, label: item.label, request: emptyRequest }).split('\n')[0];
      block = [block ?? head, ...problemComments(item.problems, macroPath)].join('\n');
    }
    blocks.set(item.key, block!);
    parts.push(block!);
  }
  return { snapshot, blocks, text: parts.length ? parts.join('\n\n') + '\n' : '' };
}

const emptyRequest = { method: '', url: '', headers: [] };

/** `# Does not render: file:line:col: error: message [code]` per problem (file names as the macro's folder sees them). */
function problemComments(problems: readonly SnapshotProblem[], macroPath: string): string[] {
  return problems.map(
    p =>
      `# Does not render: ${formatProblem(
        path
          .relative(path.dirname(macroPath), p.path ?? macroPath)
          .split(path.sep)
          .join('/') || path.basename(macroPath),
        p.problem,
        p.text !== undefined ? new LineIndex(p.text) : undefined,
      )}`,
  );
}

function summaryOf(c: MacroChange): string {
  if (c.kind === 'added') return `new macro, ${plural(c.totalItems, 'sample item')}`;
  if (c.kind === 'removed') return `removed macro, ${plural(c.totalItems, 'sample item')}`;
  return `${c.changedItems} of ${plural(c.totalItems, 'sample item')} ${c.changedItems === 1 ? 'changes' : 'change'}`;
}

function text(changes: MacroChange[], same: string[], rev: string, color: boolean, unreadable: Unreadable[]): string {
  const out: string[] = [];
  if (changes.length === 0) {
    if (unreadable.length === 0)
      out.push(`No macro sends anything different between ${visibleLine(rev)} and the working tree.`);
  } else {
    out.push(
      `What the changed macros send, ${visibleLine(rev)} → working tree (both rendered with the working tree's sample items):`,
    );
    for (const c of changes) {
      out.push('');
      out.push(`${visibleLine(c.name)} — ${visibleLine(c.shown)}: ${summaryOf(c)}`);
      out.push(colorDiff(visible(c.diff.replace(/\n$/, '')), color));
    }
  }
  if (same.length) {
    out.push('');
    out.push(`Changed, but sending the same requests: ${same.map(visibleLine).join(', ')}`);
  }
  if (unreadable.length) {
    out.push('', 'Changed, but cannot be read, so not compared:');
    for (const u of unreadable) out.push(visible(unreadableLine(u)));
  }
  return out.join('\n').replace(/^\n/, '') + '\n';
}

/**
 * A pull-request comment. Every name and path is a code span, where GitHub and GitLab link no @mention, #reference
 * or URL and render no markup; each diff is a fenced block whose fence is longer than any run of backticks in it.
 */
function markdown(changes: MacroChange[], same: string[], rev: string, unreadable: Unreadable[]): string {
  const out: string[] = ['#### What the changed macros send', ''];
  if (changes.length === 0) {
    if (unreadable.length === 0) out.push(`No macro sends anything different from ${code(rev)}.`);
  } else
    out.push(
      `<sub>${code(`ccmacro diff ${rev}`)}: each changed macro rendered before and after, with the same sample items.</sub>`,
    );
  for (const c of changes) {
    const diff = visible(c.diff.replace(/\n$/, ''));
    const fence = '`'.repeat(Math.max(3, longestRun(diff, '`') + 1));
    out.push('', `**${code(c.name)}** (${code(c.shown)}): ${summaryOf(c)}`, '');
    out.push(fence + 'diff', diff, fence);
  }
  if (same.length) out.push('', `Changed, but sending the same requests: ${same.map(code).join(', ')}`);
  if (unreadable.length) {
    out.push('', 'Changed, but cannot be read, so not compared:', '');
    for (const u of unreadable) out.push(`- ${code(unreadableLine(u))}`);
  }
  return out.join('\n') + '\n';
}

/** A Markdown code span holding the text as it is, on one line (CommonMark: a backtick run longer than any inside). */
function code(s: string): string {
  const text = visibleLine(s);
  const ticks = '`'.repeat(longestRun(text, '`') + 1);
  // A space inside each end keeps a backtick at the edge apart from the delimiters; CommonMark strips one of each.
  const pad = /^[` ]|[` ]$/.test(text) && text.trim() !== '' ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

function longestRun(s: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (const c of s) {
    run = c === ch ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
