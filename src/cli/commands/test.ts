import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { createCcmacroService, type CcmacroService, type MacroOutline } from '../../core';
import { formatProblem, problemPosition } from '../../core/common/problem';
import { LineIndex } from '../../core/common/text';
import type { ItemResult, MacroTestResult } from '../../core/snapshot/compare';
import { unifiedDiff } from '../../core/snapshot/diff';
import {
  isCcmacroSnapshot,
  macroPathForSnapshot,
  parseSnapshotFile,
  SNAPSHOT_SUFFIX,
} from '../../core/snapshot/format';
import type { SnapshotProblem } from '../../core/snapshot/render';
import { ciPaths } from '../annotations';
import type { FileTree } from '../../core/common/tree';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError, type CommandHandler } from '../io';
import { formatFileReadError, isAccessFailure, type FileReadError } from '../../core/common/decode';
import { checkEnvironmentName, ENV_ARG_OPTIONS, environmentOption } from '../environment';
import {
  joinNegativeMaxWarnings,
  MAX_WARNINGS_HELP,
  MAX_WARNINGS_OPTIONS,
  maxWarningsOption,
  tooManyWarnings,
} from '../options';
import { displayName, findMacroFiles, MACRO_SUFFIX } from '../macroFiles';
import { nodeFileSystem } from '../nodeFs';
import {
  ALLOW_OUTSIDE_HELP,
  ALLOW_OUTSIDE_OPTIONS,
  allowsOutside,
  nodePathKind,
  readInTree,
  sampleReach,
  Trees,
  writeFileAtomically,
} from '../tree';
import { cliTreeHost } from '../tagSyntax';
import {
  githubReport,
  humanReport,
  junitReport,
  type CaseReport,
  type Location,
  type MacroReport,
  type TestRunReport,
} from '../testReport';

const HELP = `Usage: ccmacro test [PATH...] [--update] [--ci] [--reporter human|junit|github] [--max-warnings N] [--allow-outside] [--env NAME]

Renders every macro for every item of each of its samples, exactly as "ccmacro send" would
(\${secret:NAME} and \${env:NAME} stay placeholders: no secret is read), and compares the
requests with the snapshot kept next to the macro: escalate.ccmacro.json -> escalate.snap.http.
A sample item's "$response" is read with the macro's returnValues, and what Centercode would
save is part of the snapshot.

PATH is a macro file or a folder searched for *.ccmacro.json (default: the current folder).

Options:
  --update      write every snapshot from the current requests and remove obsolete entries
                and snapshot files whose macro is gone (a snapshot over 10 MB is not written)
  --ci          never write: a missing snapshot fails (the default when the CI environment
                variable is set, as in GitHub Actions and GitLab CI)
  --reporter human    (default) a line per macro, the diff of each changed request
  --reporter junit    JUnit XML on stdout: one <testcase> per macro x sample item
  --reporter github   the human report plus ::error annotations at the macro's file and line
${MAX_WARNINGS_HELP}
                (warnings: each render or target-check warning of an item, each obsolete entry)
${ALLOW_OUTSIDE_HELP}
  --env NAME    checked against each macro's environments (default: CCMACRO_ENV); snapshots keep
                \${var:NAME} by name, so they are the same in every environment

Without --ci, snapshots for new macros and new sample items are written (as Jest does) and
changed requests fail; obsolete entries are reported and kept until --update.

Snapshots are read and written only inside the repository (else the folder given), never
through a symbolic link, and written atomically (a temporary file renamed over the old one).

Exit codes: 0 every request matches its snapshot, 1 a request differs, has no snapshot (--ci),
does not render, a return value is missing from its response, or there are more warnings than
--max-warnings allows, 2 usage or I/O error.`;

export const testCommand: CommandHandler = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: joinNegativeMaxWarnings(argv),
    allowPositionals: true,
    options: {
      update: { type: 'boolean', short: 'u' },
      ci: { type: 'boolean' },
      reporter: { type: 'string', default: 'human' },
      ...MAX_WARNINGS_OPTIONS,
      ...ALLOW_OUTSIDE_OPTIONS,
      ...ENV_ARG_OPTIONS,
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(HELP + '\n');
    return EXIT_OK;
  }
  const maxWarnings = maxWarningsOption(values['max-warnings']);
  const reporter = values.reporter;
  if (reporter !== 'human' && reporter !== 'junit' && reporter !== 'github')
    throw new UsageError(`--reporter must be human, junit or github (not "${reporter}")`);
  if (values.update && values.ci)
    throw new UsageError('--update writes snapshots and --ci never does: give one of them, not both');
  const update = !!values.update;
  const ci = !update && (!!values.ci || isCi(io.env));

  const targets = (positionals.length ? positionals : ['.']).map(t =>
    t.endsWith(SNAPSHOT_SUFFIX) ? (macroPathForSnapshot(t) ?? t) : t,
  );
  const { files: found, refused } = await findMacroFiles(targets, io.cwd, [MACRO_SUFFIX, SNAPSHOT_SUFFIX]);
  const macros = found.filter(f => !f.endsWith(SNAPSHOT_SUFFIX));
  const trees = new Trees(targets.map(t => path.resolve(io.cwd, t)));
  await checkEnvironmentName(
    createCcmacroService({ fs: nodeFileSystem }),
    macros,
    environmentOption(values.env, io),
    io,
    async m => sampleReach(await trees.of(m), allowsOutside(values)),
  );
  const macroSet = new Set(macros);
  const orphans: string[] = [];
  for (const f of found.filter(x => x.endsWith(SNAPSHOT_SUFFIX))) {
    const owner = macroPathForSnapshot(f)!;
    if (!macroSet.has(owner) && !(await nodeFileSystem.exists(owner))) orphans.push(f);
  }

  const shown = (f: string) => displayName(f, io.cwd);
  const core = createCcmacroService({ fs: nodeFileSystem, ...cliTreeHost(trees) });
  const report: TestRunReport = { macros: [], ci, update };
  // A file that cannot be read (a dangling link, a pipe, a name that is not UTF-8, NUL bytes) fails on its own, and
  // the run goes on with the others; one that cannot be reached at all makes the exit code 2.
  let unreachable = false;
  const cannotRead = (file: string, error: FileReadError) => {
    unreachable ||= isAccessFailure(error);
    report.macros.push(unreadableReport(file, error));
  };
  for (const file of macros) {
    const tree = await trees.of(file);
    const reach = sampleReach(tree, allowsOutside(values));
    // A macro file outside the tree (a link out of it) is reported, never read.
    const read = await readInTree(file, reach);
    if (!read.ok) {
      cannotRead(shown(file), read.error);
      continue;
    }
    const text = read.value;
    const doc = { path: file, text };
    const snapshot = await core.renderSnapshot(doc, { sampleReach: reach });
    // A snapshot that is a link (or lies outside the tree) is neither read nor written.
    const refused = await core.snapshotPathProblem(snapshot.snapshotPath, tree, nodePathKind, shown);
    const snapshotText = refused
      ? undefined
      : await readSnapshot(snapshot.snapshotPath, shown(snapshot.snapshotPath), update);
    const result = await core.compareSnapshot(snapshot, snapshotText, refused);
    const write = await writeSnapshot(core, result, update, ci, tree, shown);
    report.macros.push(macroReport(result, await core.macroOutline(doc), { update, ci, ...write }, shown));
  }
  for (const r of refused) cannotRead(shown(r.shown), r.error);
  for (const f of orphans) {
    const refused = await core.snapshotPathProblem(f, await trees.of(f), nodePathKind, shown);
    if (refused) {
      report.macros.push({
        file: shown(f),
        name: `no macro ${path.basename(macroPathForSnapshot(f)!)}`,
        cases: [refusedCase(refused, new Locations(undefined, shown(f), shown))],
      });
      continue;
    }
    const text = (await readSnapshot(f, shown(f), false)) ?? '';
    // Only a file ccmacro wrote is deleted: another tool's `.snap.http` is reported and left in place.
    const ours = isCcmacroSnapshot(text);
    const cases: CaseReport[] = ours
      ? parseSnapshotFile(text).items.map(o => obsoleteCase(o.key, o.line, shown(f), update, ci))
      : [notOursCase(shown(f))];
    if (update && ours) await fsp.rm(f, { force: true });
    report.macros.push({ file: shown(f), name: `no macro ${path.basename(macroPathForSnapshot(f)!)}`, cases });
  }

  if (reporter === 'junit') io.stdout(junitReport(report));
  else if (reporter === 'github') io.stdout(githubReport(report, await ciPaths(io.cwd, io.env)));
  else io.stdout(humanReport(report, !!io.color));
  // Warnings: each item's render and target-check warnings, and each obsolete entry left in place.
  const warnings = report.macros.reduce(
    (n, m) => m.cases.reduce((k, c) => k + (c.warnings ?? 0) + (c.outcome === 'skipped' ? 1 : 0), n),
    0,
  );
  const overLimit = tooManyWarnings('test', warnings, maxWarnings);
  if (overLimit) io.stderr(overLimit);
  if (unreachable) return EXIT_USAGE;
  return report.macros.some(m => m.cases.some(c => c.outcome === 'failed')) || overLimit ? EXIT_PROBLEMS : EXIT_OK;
};

/** A macro (or snapshot) file that cannot be read: one failed case at the file, with the line `validate` prints. */
function unreadableReport(file: string, error: FileReadError): MacroReport {
  const location = { file, line: error.line ?? 1, column: error.column ?? 1 };
  return {
    file,
    name: 'cannot be read',
    cases: [
      {
        name: 'the file',
        outcome: 'failed',
        kind: 'render',
        message: `cannot read this file: ${error.message}`,
        detail: formatFileReadError(file, error),
        location,
      },
    ],
  };
}

/** CI services set CI (to "true", "1", or a name); "false" and "0" mean not CI. */
function isCi(env: NodeJS.ProcessEnv): boolean {
  const v = env.CI?.trim().toLowerCase();
  return !!v && v !== 'false' && v !== '0';
}

/** The snapshot's text; undefined when there is none, or (`repair`, under --update) when it is not text to read. */
async function readSnapshot(file: string, shown: string, repair: boolean): Promise<string | undefined> {
  const read = await nodeFileSystem.readFile(file);
  if (read.ok) return read.value;
  if (read.error.kind === 'missing') return undefined;
  // Over 10 MB, not UTF-8, binary: --update writes a new one in its place.
  if (repair && !isAccessFailure(read.error)) return undefined;
  throw new UsageError(`cannot read ${shown}: ${read.error.message}`);
}

/**
 * Writes the snapshot as the mode asks, atomically, unless it may not be written (too large to read back, or its
 * path became a link since it was read): says whether it did, or why not.
 */
async function writeSnapshot(
  core: CcmacroService,
  result: MacroTestResult,
  update: boolean,
  ci: boolean,
  tree: FileTree,
  shown: (f: string) => string,
): Promise<{ written: boolean; notWritten?: SnapshotProblem }> {
  const text = update ? result.updatedText : ci ? undefined : await core.textAddingNewItems(result);
  if (text === undefined || (update && result.upToDate)) return { written: false };
  const file = result.snapshot.snapshotPath;
  const notWritten =
    (await core.snapshotSizeProblem(file, text, shown)) ??
    (await core.snapshotPathProblem(file, tree, nodePathKind, shown));
  if (notWritten) return { written: false, notWritten };
  try {
    await writeFileAtomically(file, text);
  } catch (e) {
    // That macro fails, saying why; the others are still tested.
    return { written: false, notWritten: await core.snapshotWriteProblem(file, e, shown) };
  }
  return { written: true };
}

function macroReport(
  result: MacroTestResult,
  outline: MacroOutline,
  mode: { update: boolean; ci: boolean; written: boolean; notWritten?: SnapshotProblem },
  shown: (f: string) => string,
): MacroReport {
  const macroFile = shown(result.snapshot.macroPath);
  const snapFile = shown(result.snapshot.snapshotPath);
  // Each text's lines indexed once per macro however many items fail (was once per item).
  const at = new Locations(outline, macroFile, shown);
  const requestAt = at.request();
  const cases: CaseReport[] = [];
  if (result.snapshot.problems.length) {
    cases.push({
      name: 'the macro and its samples',
      outcome: 'failed',
      kind: 'render',
      message: result.snapshot.macroParsed ? 'a sample cannot be read' : 'the macro cannot be read',
      detail: problemLines(result.snapshot.problems, at),
      location: at.problem(result.snapshot.problems[0]) ?? requestAt,
    });
  }
  const refused = result.refused ?? mode.notWritten;
  if (refused) cases.push(refusedCase(refused, at));
  // Nothing was written: the items and obsolete entries are reported as --ci reports them.
  const itemMode = mode.notWritten
    ? { update: false, ci: true, notWritten: true }
    : { update: mode.update, ci: mode.ci };
  for (const r of result.items)
    if (r.status !== 'unchecked') cases.push(itemCase(r, itemMode, at, requestAt, snapFile));
  for (const o of result.obsolete) cases.push(obsoleteCase(o.key, o.line, snapFile, itemMode.update, itemMode.ci));
  return { file: macroFile, name: result.snapshot.macroName, cases };
}

/** The snapshot file may not be read or written: one failed case that says why, at the snapshot. */
function refusedCase(refused: SnapshotProblem, at: Locations): CaseReport {
  return {
    name: 'the snapshot',
    outcome: 'failed',
    kind: 'refused',
    code: refused.problem.code,
    message: refused.problem.message,
    detail: problemLines([refused], at),
    location: at.problem(refused) ?? { file: at.shown(refused.path!), line: 1, column: 1 },
  };
}

function itemCase(
  r: ItemResult,
  mode: { update: boolean; ci: boolean; notWritten?: boolean },
  at: Locations,
  requestAt: Location,
  snapFile: string,
): CaseReport {
  const macroFile = at.file;
  const name = `${r.item.key}${r.item.label ? ' ' + r.item.label : ''}`;
  const warnings = r.item.warnings.length
    ? { detail: problemLines(r.item.warnings, at), warnings: r.item.warnings.length }
    : undefined;
  switch (r.status) {
    case 'pass':
      return { name, outcome: 'passed', ...warnings };
    case 'error':
      return {
        name,
        outcome: 'failed',
        kind: 'render',
        message:
          r.item.block === undefined
            ? 'does not render'
            : r.item.problems.every(p => p.problem.code.startsWith('return/'))
              ? 'Centercode would save nothing for a return value'
              : 'its target would not accept the request',
        detail: problemLines(r.item.problems, at),
        location: at.problem(r.item.problems[0]) ?? requestAt,
      };
    case 'unchecked':
      return { name, outcome: 'failed', kind: 'refused', message: 'not compared: the snapshot may not be read' };
    case 'new':
      if (mode.ci)
        return {
          name,
          outcome: 'failed',
          kind: 'missing',
          message: mode.notWritten
            ? `no snapshot in ${snapFile}: it could not be written (see the snapshot's line)`
            : `no snapshot in ${snapFile}: run "ccmacro test --update" and commit it`,
          location: requestAt,
        };
      return {
        name,
        outcome: 'written',
        message: `new snapshot written to ${snapFile}`,
        ...warnings,
      };
    case 'fail': {
      const diff = unifiedDiff(r.expected!, r.actual!, {
        oldLabel: `${snapFile} (snapshot)`,
        newLabel: `${macroFile} (rendered now)`,
      });
      if (mode.update) return { name, outcome: 'updated', message: 'snapshot updated', detail: diff };
      return {
        name,
        outcome: 'failed',
        kind: 'mismatch',
        message: 'the request differs from its snapshot',
        detail: diff,
        location: at.key(changedPart(r.expected!, r.actual!)) ?? requestAt,
      };
    }
  }
}

/** An orphan `.snap.http` that ccmacro did not write (no snapshot preamble): never deleted, only reported. */
function notOursCase(snapFile: string): CaseReport {
  return {
    name: 'not a ccmacro snapshot',
    outcome: 'skipped',
    kind: 'obsolete',
    message: `${snapFile} has no macro and was not written by ccmacro (it does not start with its "# ccmacro request snapshots of" line): left in place`,
    location: { file: snapFile, line: 1, column: 1 },
  };
}

function obsoleteCase(key: string, line: number, snapFile: string, update: boolean, ci: boolean): CaseReport {
  const location = { file: snapFile, line: line + 1, column: 1 };
  const name = `${key} (obsolete)`;
  if (update) return { name, outcome: 'removed', kind: 'obsolete', message: `removed from ${snapFile}`, location };
  return {
    name,
    outcome: ci ? 'failed' : 'skipped',
    kind: 'obsolete',
    message: `${snapFile}:${line + 1} holds a snapshot no sample item produces any more: "ccmacro test --update" removes it`,
    location,
  };
}

/**
 * Where the lines of one macro's report point: the macro parsed once, each text's line index built once, for every
 * item of the macro (a test with a thousand changed items in a 2 MB macro parsed it a thousand times).
 */
class Locations {
  private readonly lines = new Map<string, LineIndex>();
  constructor(
    /** The macro, parsed once by the service (none for an orphan snapshot's report). */
    private readonly outline: MacroOutline | undefined,
    /** The macro's file as shown. */
    readonly file: string,
    readonly shown: (f: string) => string,
  ) {}

  /** The lines of `text` (the macro's or a sample's), indexed once. */
  lineIndex(text: string): LineIndex {
    let index = this.lines.get(text);
    if (!index) this.lines.set(text, (index = new LineIndex(text)));
    return index;
  }

  /** Where annotations about the request point: the macro's "request" key (else its first line). */
  request(): Location {
    return this.key(['request']) ?? { file: this.file, line: 1, column: 1 };
  }

  /** The key of the macro's property at `path`. */
  key(at: string[]): Location | undefined {
    const offset = this.outline?.keyOffset(at);
    if (offset === undefined || !this.outline) return undefined;
    const pos = this.lineIndex(this.outline.text).positionAt(offset);
    return { file: this.file, line: pos.line + 1, column: pos.character + 1 };
  }

  /** Where a problem is, in the file it is in. */
  problem(p: SnapshotProblem | undefined): Location | undefined {
    if (!p?.path || p.text === undefined) return undefined;
    const at = problemPosition(p.problem, this.lineIndex(p.text));
    return { file: this.shown(p.path), line: at.line, column: at.column };
  }
}

/**
 * The part of the macro the first difference comes from, by where it is in the block: the request line
 * (url), a header line (headers), the body, or the return values.
 */
function changedPart(expected: string, actual: string): string[] {
  const a = expected.split('\n');
  const b = actual.split('\n');
  // Line 0 is the `###` heading: its label comes from the sample item, not from the macro.
  let i = 1;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const firstBlank = b.indexOf('');
  const returns = b.findIndex(l => l.startsWith('# Return values'));
  return i <= 1
    ? ['request', 'url']
    : firstBlank < 0 || i < firstBlank
      ? ['request', 'headers']
      : returns >= 0 && i >= returns - 1
        ? ['returnValues']
        : ['request', 'body'];
}

/** One `path:line:col: severity: message [code]` line per problem, as every ccmacro command prints them. */
function problemLines(problems: readonly SnapshotProblem[], at: Locations): string {
  return problems
    .map(p =>
      formatProblem(
        p.path ? at.shown(p.path) : '(built-in sample)',
        p.problem,
        p.text !== undefined ? at.lineIndex(p.text) : undefined,
      ),
    )
    .join('\n');
}
