import * as path from 'node:path';
import { applyEdits, modify, parseTree, type Node, type ParseError } from 'jsonc-parser';
import { tooDeepMessage, tooDeepOffset } from '../common/jsonDepth';
import { isInsideTree, linkOnTheWay, type PathKindOf } from '../common/tree';
import { TextCache } from '../common/textCache';
import type { FileSystemLike } from '../host';
import { PROJECT_CONFIG_FILE, PROJECT_DIR } from './files';
import { DEFAULT_TAG_SYNTAX, isTagSyntaxId, tagSyntaxOf, type TagSyntax } from './tagSyntax';

/**
 * `.ccmacro/config.json`: a project's settings, committed with its macros (JSONC: comments and trailing commas are
 * fine; schemas/config.schema.json describes it to the editor). Today it holds one setting:
 *
 *     { "tagSyntax": "brackets" }   // or "parentheses", the default
 *
 * A macro uses the nearest config.json up the folder tree from its own folder, stopping at the tree's root (the
 * repository, the workspace folder): ccmacro never reads a config from outside the tree it works in.
 */

export interface ConfigProblem {
  message: string;
  offset: number;
  length: number;
}

interface ProjectConfig {
  /** The project's tag syntax: `tagSyntax` when it is valid, else the default. */
  tagSyntax: TagSyntax;
  /** Where `tagSyntax` is written (its value's range), for edits and messages; undefined when it is not. */
  tagSyntaxRange?: { offset: number; length: number };
  /** What is wrong in the file; a broken file still gives the default syntax, and the CLI and editor report it. */
  problems: ConfigProblem[];
}

const KNOWN_KEYS = new Set(['$schema', 'tagSyntax']);

/** Reads a config file's text; never throws. */
export function parseProjectConfig(text: string): ProjectConfig {
  const deep = tooDeepOffset(text);
  if (deep >= 0)
    return {
      tagSyntax: DEFAULT_TAG_SYNTAX,
      problems: [{ message: tooDeepMessage('This file'), offset: deep, length: 1 }],
    };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  const problems: ConfigProblem[] = errors.map(e => ({
    message: 'This file is not valid JSON here',
    offset: e.offset,
    length: Math.max(1, e.length),
  }));
  if (!root || root.type !== 'object') {
    if (errors.length === 0)
      problems.push({
        message: 'A ccmacro config is an object, e.g. { "tagSyntax": "parentheses" }',
        offset: root?.offset ?? 0,
        length: root?.length ?? 0,
      });
    return { tagSyntax: DEFAULT_TAG_SYNTAX, problems };
  }
  let tagSyntax = DEFAULT_TAG_SYNTAX;
  let tagSyntaxRange: ProjectConfig['tagSyntaxRange'];
  for (const prop of root.children ?? []) {
    const key = prop.children?.[0];
    const value: Node | undefined = prop.children?.[1];
    if (!key || typeof key.value !== 'string') continue;
    if (!KNOWN_KEYS.has(key.value)) {
      problems.push({
        message: `Unknown setting "${key.value}": a ccmacro config holds "tagSyntax" ("parentheses" or "brackets")`,
        offset: key.offset,
        length: key.length,
      });
      continue;
    }
    if (key.value !== 'tagSyntax' || !value) continue;
    if (isTagSyntaxId(value.value)) {
      tagSyntax = tagSyntaxOf(value.value);
      tagSyntaxRange = { offset: value.offset, length: value.length };
    } else
      problems.push({
        message:
          '"tagSyntax" is "parentheses" (tags written ((Title)), the default) or "brackets" (tags written [[Title]])',
        offset: value.offset,
        length: value.length,
      });
  }
  return { tagSyntax, ...(tagSyntaxRange ? { tagSyntaxRange } : {}), problems };
}

/**
 * `.ccmacro/config.json` in the macro's folder and every folder above it up to `root` (included), nearest first.
 * Without a root (a lone file, no workspace) only the macro's own folder is looked at. A macro outside the root has
 * no candidates.
 */
export function projectConfigCandidates(macroPath: string, root: string | undefined): string[] {
  let d = path.dirname(path.resolve(macroPath));
  if (root === undefined) return [path.join(d, PROJECT_DIR, PROJECT_CONFIG_FILE)];
  const top = path.resolve(root);
  if (!isInsideTree(top, d)) return [];
  const out: string[] = [];
  for (;;) {
    out.push(path.join(d, PROJECT_DIR, PROJECT_CONFIG_FILE));
    if (d === top) break;
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  return out;
}

/** The config that applies to a macro: its path (undefined when there is none) and what it says. */
export interface AppliedConfig extends ProjectConfig {
  path?: string;
}

const NO_CONFIG: AppliedConfig = Object.freeze({ tagSyntax: DEFAULT_TAG_SYNTAX, problems: [] });

/**
 * The project configs of one workspace (or CLI run), read through the host's file system and kept parsed while their
 * text stays the same (cheap on every keystroke). One instance lives on the ccmacro service.
 */
export class ProjectConfigs {
  private readonly files = new TextCache(parseProjectConfig);
  /**
   * `kindOf`: what is at a path without following links (the CLI's lstat). With it, a config reached through a
   * symbolic link (it, or a folder between the root and it) is not read: it could lead out of the tree.
   */
  constructor(
    private readonly fs: FileSystemLike,
    private readonly kindOf?: PathKindOf,
  ) {}

  /** The nearest config up the tree from the macro (see projectConfigCandidates); the default when there is none. */
  async forMacro(macroPath: string, root: string | undefined): Promise<AppliedConfig> {
    for (const p of projectConfigCandidates(macroPath, root)) {
      const link = this.kindOf && root !== undefined ? await linkOnTheWay(root, p, this.kindOf) : undefined;
      if (link !== undefined)
        return {
          tagSyntax: DEFAULT_TAG_SYNTAX,
          path: p,
          problems: [
            {
              message: `${link === p ? 'this file' : path.basename(link)} is a symbolic link, so ccmacro does not read this config (it could lead out of the tree): make it a real file`,
              offset: 0,
              length: 0,
            },
          ],
        };
      const read = await this.fs.readFile(p);
      if (read.ok) return { ...this.files.get(p, read.value), path: p };
      // A config that is there but cannot be used (a folder, not UTF-8) is a problem of the project, not a skip.
      if (read.error.kind !== 'missing')
        return {
          tagSyntax: DEFAULT_TAG_SYNTAX,
          path: p,
          problems: [{ message: `cannot read this file: ${read.error.message}`, offset: 0, length: 0 }],
        };
    }
    return NO_CONFIG;
  }
}

/**
 * The config file's text with `"tagSyntax"` set to `syntax`, everything else (comments, other settings, layout) kept;
 * a new file's text when there is none. Returned as one replacement of [start, end) (for an undoable editor edit).
 */
export function setTagSyntaxEdit(
  text: string | undefined,
  syntax: TagSyntax,
): { start: number; end: number; newText: string } {
  if (text === undefined || text.trim() === '')
    return {
      start: 0,
      end: text?.length ?? 0,
      newText: `{\n  "tagSyntax": "${syntax.id}"\n}\n`,
    };
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const edits = modify(text, ['tagSyntax'], syntax.id, { formattingOptions: { insertSpaces: true, tabSize: 2, eol } });
  if (edits.length === 0) return { start: 0, end: 0, newText: '' };
  // One replacement covering every edit jsonc-parser made.
  let start = text.length;
  let end = 0;
  for (const e of edits) {
    start = Math.min(start, e.offset);
    end = Math.max(end, e.offset + e.length);
  }
  const changed = applyEdits(text, edits);
  return { start, end, newText: changed.slice(start, changed.length - (text.length - end)) };
}
