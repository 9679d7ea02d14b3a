import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { createCcmacroService, type CcmacroService } from '../../core';
import { visibleJson } from '../../core/common/controlChars';
import {
  formatProblemAt,
  oneLine,
  problem,
  problemPosition,
  sortProblems,
  type Problem,
  type Severity,
} from '../../core/common/problem';
import { LineIndex } from '../../core/common/text';
import { ciPaths, githubAnnotation, gitlabCodeQuality } from '../annotations';
import { inertJson, inertText } from '../ciSafe';
import { nodeFileSystem } from '../nodeFs';
import { ajvMacroSchema } from '../schema';
import { ALLOW_OUTSIDE_HELP, ALLOW_OUTSIDE_OPTIONS, allowsOutside, readInTree, sampleReach, Trees } from '../tree';
import { outsideRefusal } from '../../core/samples/reach';
import type { SampleReach } from '../../core/samples/reach';
import { displayName, findMacroFiles, MACRO_SUFFIX } from '../macroFiles';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError, type CommandHandler } from '../io';
import { fileReadErrorCode, isAccessFailure, type FileRead, type FileReadError } from '../../core/common/decode';
import { cliTreeHost, configProblem } from '../tagSyntax';
import { pushAll } from '../../core/common/arrays';
import { fail } from '../../core/common/result';
import type { Environments } from '../../core/environments/environments';
import { ENVIRONMENTS_LOCAL_FILE } from '../../core/environments/names';
import { chosenEnvironments, ENV_ARG_OPTIONS, ENV_HELP, environmentOption } from '../environment';
import { Git } from '../git';
import {
  joinNegativeMaxWarnings,
  MAX_WARNINGS_HELP,
  MAX_WARNINGS_OPTIONS,
  maxWarningsOption,
  tooManyWarnings,
} from '../options';

const HELP = `Usage: ccmacro validate [PATH...] [--format text|json|github|gitlab] [--no-builtin-tags] [--max-warnings N] [--allow-outside] [--env NAME]

Checks Centercode webhook macro files: JSON syntax, the schema, and request problems
(a body with GET, a URL that is not http(s), missing sample files, ...).

PATH is a file or a folder; folders are searched for *.ccmacro.json files, skipping
node_modules and folders whose name starts with a dot. Default: the current folder.

Options:
  --format text   one line per problem: path:line:col: error|warning: message [code] (default)
  --format json   { files: [{ path, problems: [...] }], summary: {...} }
  --format github GitHub Actions annotations (::error file=…,line=…::…), shown on the pull request's lines,
                  then the summary line
  --format gitlab a GitLab Code Quality report (JSON) to save as a codequality artifact; the summary goes to stderr
  --no-builtin-tags
                  know only the tags of .ccmacro/tags.json files and samples, not ccmacro's
                  built-in catalog (as the setting ccmacro.tags.useBuiltinCatalog = false)
${MAX_WARNINGS_HELP}
${ALLOW_OUTSIDE_HELP}
${ENV_HELP}; without
                  either, every \${var:NAME} must have a value in every environment

Project tag catalogs (.ccmacro/tags.json in a macro's folder or any folder above it) are
checked too, and their problems reported under their own path; so are the environment files
(.ccmacro/environments.json and .ccmacro/environments.local.json, which git must not track).

A file that cannot be read is reported like a problem in it (code file/...), and the other
files are still checked.

Exit codes: 0 no errors (warnings allowed, up to --max-warnings), 1 errors found (including a file
that is not UTF-8 text, is nested too deeply or is over 10 MB) or more warnings than
--max-warnings allows, 2 usage error or a file that cannot be read
(missing, a folder or device, a symbolic-link loop, no permission).`;

interface FileReport {
  /** As shown: relative to the current folder. */
  path: string;
  /** Absolute, for CI reports (which name files from the repository's top folder); not printed. */
  file: string;
  /** The file could not be reached (missing, a folder, a symlink loop, no permission): exit code 2. */
  unreadable?: boolean;
  problems: Array<{
    code: string;
    severity: Severity;
    message: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
  }>;
}

export const validateCommand: CommandHandler = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: joinNegativeMaxWarnings(argv),
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      'no-builtin-tags': { type: 'boolean' },
      ...MAX_WARNINGS_OPTIONS,
      ...ALLOW_OUTSIDE_OPTIONS,
      ...ENV_ARG_OPTIONS,
      help: { type: 'boolean', short: 'h' },
    },
  });
  const environment = environmentOption(values.env, io);
  if (values.help) {
    io.stdout(HELP + '\n');
    return EXIT_OK;
  }
  const maxWarnings = maxWarningsOption(values['max-warnings']);
  const format = values.format;
  if (format !== 'text' && format !== 'json' && format !== 'github' && format !== 'gitlab')
    throw new UsageError(`--format must be text, json, github or gitlab, not "${format}"`);

  const targets = positionals.length ? positionals : ['.'];
  const { files, refused } = await findMacroFiles(targets, io.cwd);
  const trees = new Trees(targets.map(t => path.resolve(io.cwd, t)));
  const allowOutside = allowsOutside(values);
  const builtinCatalog = !values['no-builtin-tags'];
  const service = createCcmacroService({ fs: nodeFileSystem, macroSchema: ajvMacroSchema(), ...cliTreeHost(trees) });
  const reachOf = async (file: string) => sampleReach(await trees.of(file), allowOutside);
  // A macro file outside the tree (a link out of it) is reported, never read.
  const reads = await mapLimited(files, 8, async file => readInTree(file, await reachOf(file)));
  // Each macro's environments (an unknown --env is a usage error before anything is checked), each project once.
  const projects = new Map<string, Environments>();
  for (const f of files) {
    const envs = await chosenEnvironments(service, f, environment, io, await reachOf(f));
    if (envs) projects.set(envs.root, envs);
  }
  // Every macro's returnValues names are external data, known as tags in every other macro of the run.
  for (const [i, f] of files.entries()) {
    const read = reads[i];
    if (read.ok) await service.updateMacro(f, read.value);
  }
  const reports = await mapLimited(
    files.map((f, i) => ({ file: f, read: reads[i] })),
    8,
    async ({ file, read }) =>
      checkFile(service, file, read, io.cwd, {
        builtinCatalog,
        sampleReach: await reachOf(file),
        environment,
      }),
  );
  // A macro whose name ccmacro cannot open, or a folder it cannot search, is reported like a file it cannot read.
  for (const r of refused)
    reports.push({
      path: displayName(r.shown, io.cwd),
      file: r.shown,
      problems: [fileProblem(r.error)],
      ...(isAccessFailure(r.error) ? { unreadable: true } : {}),
    });
  const catalogs = await checkCatalogs(service, files, io.cwd, reachOf);
  pushAll(reports, catalogs.reports);
  pushAll(reports, await checkConfigs(service, files, io.cwd));
  pushAll(reports, await checkEnvironmentFiles(service, [...projects.values()], io.cwd, io.env));

  const count = (s: Severity) => reports.reduce((n, r) => n + r.problems.filter(p => p.severity === s).length, 0);
  const summary = {
    files: files.length + refused.length,
    catalogs: catalogs.checked,
    errors: count('error'),
    warnings: count('warning'),
    infos: count('info'),
  };

  // GitHub and GitLab place a problem by its path from the repository's top folder.
  const located = async () => {
    const ciPath = await ciPaths(io.cwd, io.env);
    return reports.flatMap(r => r.problems.map(p => ({ ...p, path: ciPath(r.file) })));
  };
  if (format === 'json') {
    const files = reports.map(({ unreadable: _, file: __, ...r }) => r);
    io.stdout(inertJson(visibleJson(JSON.stringify({ files, summary }, null, 2))) + '\n');
  } else if (format === 'github') {
    for (const p of await located()) io.stdout(githubAnnotation(p) + '\n');
    io.stdout(summaryLine(summary) + '\n');
  } else if (format === 'gitlab') {
    io.stdout(gitlabCodeQuality(await located()));
    io.stderr(summaryLine(summary) + '\n');
  } else {
    for (const r of reports) {
      for (const p of r.problems) io.stdout(inertText(formatProblemAt(r.path, p, p)) + '\n');
    }
    io.stdout(summaryLine(summary) + '\n');
  }
  const overLimit = tooManyWarnings('validate', summary.warnings, maxWarnings);
  if (overLimit) io.stderr(overLimit);
  if (reports.some(r => r.unreadable)) return EXIT_USAGE;
  return summary.errors > 0 || overLimit ? EXIT_PROBLEMS : EXIT_OK;
};

function summaryLine(s: { files: number; catalogs: number; errors: number; warnings: number; infos: number }): string {
  if (s.files === 0) return `No ${MACRO_SUFFIX} files found.`;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const checked = `${plural(s.files, 'file')}${s.catalogs ? ` and ${plural(s.catalogs, 'tag catalog')}` : ''} checked`;
  const parts = [plural(s.errors, 'error'), plural(s.warnings, 'warning')];
  if (s.infos) parts.push(plural(s.infos, 'note'));
  const found = s.errors || s.warnings || s.infos ? parts.join(', ') : 'no problems';
  return `${checked}: ${found}`;
}

async function checkFile(
  service: CcmacroService,
  file: string,
  read: FileRead,
  cwd: string,
  options: { builtinCatalog: boolean; sampleReach: SampleReach; environment: string | undefined },
): Promise<FileReport> {
  if (!read.ok) {
    // Reported like any problem, so the other files are still checked; exit code 2 when the file was out of reach.
    const e = read.error;
    return {
      path: displayName(file, cwd),
      file,
      ...(isAccessFailure(e) ? { unreadable: true } : {}),
      problems: [fileProblem(e)],
    };
  }
  const { problems, lines } = await service.validate({ path: file, text: read.value }, options);
  return { path: displayName(file, cwd), file, problems: problems.map(p => located(p, lines)) };
}

/** The project tag catalogs the macros use, each read once: how many there were, and reports for those with problems. */
/**
 * The project configs (`.ccmacro/config.json`) the macros use, each reported once when something in it is wrong
 * (`config/invalid`, an error: the macros below it are then read in the default tag syntax).
 */
async function checkConfigs(service: CcmacroService, macroFiles: string[], cwd: string): Promise<FileReport[]> {
  const seen = new Set<string>();
  const reports: FileReport[] = [];
  for (const f of macroFiles) {
    const config = await service.projectConfig(f);
    if (!config.path || seen.has(config.path) || config.problems.length === 0) continue;
    seen.add(config.path);
    const read = await nodeFileSystem.readFile(config.path);
    const lines = new LineIndex(read.ok ? read.value : '');
    reports.push({
      path: displayName(config.path, cwd),
      file: config.path,
      problems: config.problems.map(p => located(configProblem(p), lines)),
    });
  }
  return reports;
}

async function checkCatalogs(
  service: CcmacroService,
  macroFiles: string[],
  cwd: string,
  reachOf: (file: string) => Promise<SampleReach>,
): Promise<{ checked: number; reports: FileReport[] }> {
  // Each catalog with the reach of the first macro that uses it: only up to the tree's root, never through a link out.
  const catalogs = new Map<string, SampleReach>();
  for (const f of macroFiles) {
    const reach = await reachOf(f);
    for (const c of await service.projectCatalogs(f, reach)) if (!catalogs.has(c)) catalogs.set(c, reach);
  }
  const reports: FileReport[] = [];
  let checked = 0;
  for (const c of [...catalogs.keys()].sort()) {
    let read = await nodeFileSystem.readFile(c);
    if (!read.ok && read.error.kind === 'missing') continue;
    const refusal = await outsideRefusal(c, catalogs.get(c));
    if (refusal) read = fail(refusal);
    checked++;
    if (!read.ok) {
      reports.push({
        path: displayName(c, cwd),
        file: c,
        ...(isAccessFailure(read.error) ? { unreadable: true } : {}),
        problems: [fileProblem(read.error)],
      });
      continue;
    }
    const text = read.value;
    const problems = await service.validateCatalog(text);
    if (problems.length === 0) continue;
    const lines = new LineIndex(text);
    reports.push({ path: displayName(c, cwd), file: c, problems: problems.map(p => located(p, lines)) });
  }
  return { checked, reports };
}

/**
 * The environment files of each project the macros are in: their problems under their own path, and a warning when
 * git tracks the private `.local.json` (its values would reach everyone with the repository).
 */
async function checkEnvironmentFiles(
  service: Pick<CcmacroService, 'environmentFileProblems'>,
  projects: Environments[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<FileReport[]> {
  const reports: FileReport[] = [];
  for (const envs of projects) {
    for (const f of envs.files()) {
      // What reading it found (a file not read has no text), and a credential in the committed file, as the editor says.
      const secrets = (await service.environmentFileProblems(f.path, f.text)).filter(
        p => p.code === 'environments/secret',
      );
      const problems = sortProblems([...f.parsed.problems, ...secrets]);
      if (f === envs.local && (await Git.tracks(f.path, env)))
        problems.push(
          problem(
            'environments/local-tracked',
            'warning',
            `git tracks ${ENVIRONMENTS_LOCAL_FILE}, the private overlay: its values reach everyone who has the repository. Run "git rm --cached ${ENVIRONMENTS_LOCAL_FILE}" and add it to .gitignore`,
            { start: 0, end: 0 },
          ),
        );
      if (problems.length === 0) continue;
      const lines = new LineIndex(f.text);
      reports.push({ path: displayName(f.path, cwd), file: f.path, problems: problems.map(p => located(p, lines)) });
    }
  }
  return reports;
}

/** A file that cannot be used, as a problem line: at its first bad byte when there is one, else at 1:1. */
function fileProblem(e: FileReadError): FileReport['problems'][number] {
  const line = e.line ?? 1;
  const column = e.column ?? 1;
  return {
    code: fileReadErrorCode(e),
    severity: 'error',
    message: `cannot read this file: ${e.message}`,
    line,
    column,
    endLine: line,
    endColumn: column,
  };
}

function located(p: Problem, lines: LineIndex): FileReport['problems'][number] {
  return { code: p.code, severity: p.severity, message: oneLine(p.message), ...problemPosition(p, lines) };
}

/** Runs fn over items with at most `limit` running at once, keeping the input order in the result. */
async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  });
  await Promise.all(workers);
  return results;
}
