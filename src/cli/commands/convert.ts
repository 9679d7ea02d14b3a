import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { formatProblem, type Problem } from '../../core/common/problem';
import { LineIndex } from '../../core/common/text';
import { pathRefusal } from '../../core/common/tree';
import { createCcmacroService } from '../../core';
import { PROJECT_CONFIG_FILE, PROJECT_DIR } from '../../core/project/files';
import { isTagSyntaxId, TAG_SYNTAX_IDS, tagSyntaxOf, type TagSyntax } from '../../core/project/tagSyntax';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError, type CommandHandler } from '../io';
import { displayName, findMacroFiles } from '../macroFiles';
import { nodeFileSystem } from '../nodeFs';
import { cliTreeHost, configProblem } from '../tagSyntax';
import { nodePathKind, Trees, writeTempFile } from '../tree';

const HELP = `Usage: ccmacro convert --tag-syntax brackets|parentheses [PATH...]

Converts macros to the other way of writing Centercode's dynamic tags, and sets the project's
"tagSyntax" in .ccmacro/config.json with them: ((Title)) <-> [[Title]]. Only tags change: text,
escapes (a backslash before (( or [[ keeps it plain text in both syntaxes), keys, comments and
layout are kept byte for byte, so what is sent stays the same and converting back gives the
original files.

PATH is a file or a folder (default: the current folder). Every macro that uses the same
.ccmacro/config.json (the nearest one up the tree, up to the repository; none: the repository's
root gets one) must be among them, so the files and the setting change together.

Nothing is written when any file cannot be converted: each reason is printed as
path:line:col (a text that already holds the target syntax, a tag name holding one of its
delimiters, a file with JSON syntax errors). Files are written atomically, never through a
symbolic link and never outside the repository (else the folder given).

Exit codes: 0 converted (or nothing to do), 1 a file cannot be converted, 2 usage or I/O error.`;

/** One config home: the file whose "tagSyntax" governs a set of macros (it may not exist yet). */
interface Project {
  configPath: string;
  exists: boolean;
  root: string;
  syntax: TagSyntax;
  macros: string[];
}

export const convertCommand: CommandHandler = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'tag-syntax': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout(HELP + '\n');
    return EXIT_OK;
  }
  const wanted = values['tag-syntax'];
  if (wanted === undefined) throw new UsageError(`--tag-syntax is required: ${TAG_SYNTAX_IDS.join(' or ')}`);
  if (!isTagSyntaxId(wanted))
    throw new UsageError(`--tag-syntax must be ${TAG_SYNTAX_IDS.join(' or ')} (not "${wanted}")`);
  const to = tagSyntaxOf(wanted);
  const shown = (p: string) => displayName(p, io.cwd);

  const targets = positionals.length ? positionals : ['.'];
  const { files, refused } = await findMacroFiles(targets, io.cwd);
  for (const r of refused) io.stderr(`${r.shown}: error: cannot read this file: ${r.error.message}\n`);
  if (refused.length) return EXIT_USAGE;
  const trees = new Trees(targets.map(t => path.resolve(io.cwd, t)));
  const core = createCcmacroService({ fs: nodeFileSystem, ...cliTreeHost(trees) });
  const reportedConfigs = new Set<string>();
  const configOf = async (file: string) => {
    const config = await core.projectConfig(file);
    if (config.path && config.problems.length && !reportedConfigs.has(config.path)) {
      reportedConfigs.add(config.path);
      const read = await nodeFileSystem.readFile(config.path);
      const lines = read.ok ? new LineIndex(read.value) : undefined;
      for (const p of config.problems) io.stderr(formatProblem(shown(config.path), configProblem(p), lines) + '\n');
    }
    return config;
  };

  // Group the macros by the config that governs them.
  const projects = new Map<string, Project>();
  const projectOf = async (file: string) => {
    const tree = await trees.of(file);
    const config = await configOf(file);
    const configPath = config.path ?? path.join(tree.root, PROJECT_DIR, PROJECT_CONFIG_FILE);
    let p = projects.get(configPath);
    if (!p) {
      p = { configPath, exists: config.path !== undefined, root: tree.root, syntax: config.tagSyntax, macros: [] };
      projects.set(configPath, p);
    }
    return p;
  };
  for (const f of files) (await projectOf(f)).macros.push(f);

  // Every macro a changed config governs must be converted with it: refuse when one was left out.
  const leftOut: string[] = [];
  for (const p of projects.values()) {
    if (p.syntax.id === to.id) continue;
    const all = await findMacroFiles([path.dirname(path.dirname(p.configPath))], io.cwd);
    const given = new Set(p.macros);
    for (const f of all.files) {
      if (given.has(f)) continue;
      const config = await configOf(f);
      const governing = config.path ?? path.join((await trees.of(f)).root, PROJECT_DIR, PROJECT_CONFIG_FILE);
      if (governing === p.configPath) leftOut.push(`${shown(f)} (${shown(p.configPath)})`);
    }
  }
  if (leftOut.length) {
    for (const l of leftOut)
      io.stderr(
        `${l}: error: this macro uses the same project setting, so it must be converted too: give its folder (or the project's) as well [convert/left-out]\n`,
      );
    io.stderr('Nothing was converted.\n');
    return EXIT_PROBLEMS;
  }

  // Convert every text in memory first; write nothing unless all of them convert.
  const writes: Array<{ file: string; root: string; text: string; note: string }> = [];
  let failed = false;
  const report = (file: string, text: string, problems: readonly Problem[]) => {
    const lines = new LineIndex(text);
    for (const p of problems) io.stderr(formatProblem(shown(file), p, lines) + '\n');
    failed = true;
  };
  for (const p of projects.values()) {
    if (p.syntax.id === to.id) {
      for (const f of p.macros) io.stdout(`${shown(f)}: already ${to.id} (${to.wrap('Name')})\n`);
      continue;
    }
    for (const f of p.macros) {
      const read = await nodeFileSystem.readFile(f);
      if (!read.ok) {
        io.stderr(`${shown(f)}: error: cannot read this file: ${read.error.message}\n`);
        return EXIT_USAGE;
      }
      const converted = await core.convertTagSyntax({ path: f, text: read.value }, to.id, p.syntax.id);
      if (!converted.ok) {
        report(f, read.value, converted.error);
        continue;
      }
      const { tags } = converted.value;
      if (tags === 0) continue;
      writes.push({ file: f, root: p.root, text: converted.value.text, note: `converted ${plural(tags, 'tag')}` });
    }
    const old = p.exists ? await nodeFileSystem.readFile(p.configPath) : undefined;
    if (old && !old.ok) {
      io.stderr(`${shown(p.configPath)}: error: cannot read this file: ${old.error.message}\n`);
      return EXIT_USAGE;
    }
    const oldText = old?.ok ? old.value : undefined;
    const edit = await core.tagSyntaxConfigEdit(oldText, to.id);
    const before = oldText ?? '';
    writes.push({
      file: p.configPath,
      root: p.root,
      text: before.slice(0, edit.start) + edit.newText + before.slice(edit.end),
      note: `"tagSyntax": "${to.id}"${p.exists ? '' : ' (new file)'}`,
    });
  }
  if (failed) {
    io.stderr('Nothing was converted.\n');
    return EXIT_PROBLEMS;
  }

  // The one write rule (inside the tree, no link on the way, a regular file), checked for every file before any write.
  for (const w of writes) {
    const refusedPath = await pathRefusal(w.root, w.file, nodePathKind);
    if (refusedPath) {
      const why =
        refusedPath.kind === 'outside'
          ? 'it is outside the repository (or the folder given)'
          : refusedPath.kind === 'link'
            ? `${shown(refusedPath.at)} is a symbolic link, and ccmacro never writes through a link`
            : `it is ${refusedPath.what === 'folder' ? 'a folder' : 'not a regular file'}`;
      io.stderr(`${shown(w.file)}: error: not written: ${why}. Nothing was converted.\n`);
      return EXIT_USAGE;
    }
  }
  await writeAll(writes);
  for (const w of writes) io.stdout(`${shown(w.file)}: ${w.note}\n`);
  if (writes.length === 0) io.stdout(`Nothing to convert: every macro is already ${to.id}.\n`);
  return EXIT_OK;
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Writes every file as a temporary file next to it first (created exclusively: never through a link), then renames
 * each into place: a failure while writing leaves every file as it was. A missing `.ccmacro` folder is created.
 */
async function writeAll(writes: ReadonlyArray<{ file: string; text: string }>): Promise<void> {
  const temps: Array<{ temp: string; file: string }> = [];
  try {
    for (const w of writes) {
      const dir = path.dirname(w.file);
      if ((await nodePathKind(dir)) === undefined) await fsp.mkdir(dir);
      temps.push({ temp: await writeTempFile(w.file, w.text), file: w.file });
    }
  } catch (e) {
    for (const t of temps) await fsp.rm(t.temp, { force: true });
    throw e;
  }
  for (const t of temps) await fsp.rename(t.temp, t.file);
}
