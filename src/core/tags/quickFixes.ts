import * as path from 'node:path';
import type { FileSystemLike } from '../host';
import { LineIndex, type Position } from '../common/text';
import { macroScope } from '../macro/model';
import { PROJECT_CATALOG_DIR, PROJECT_CATALOG_FILE, type TagCatalog } from './catalog';
import { addTagToCatalogEdits } from './catalogEdit';
import { jsonStringContent } from './completion';
import { unterminatedTagFixes } from './fixes';
import { tagAt, type MacroAnalysis } from './locate';
import { convertTagSyntax } from './convert';
import { otherTagSyntax } from '../project/tagSyntax';
import { addTagToSampleFix } from './sampleFix';
import { suggestTagName } from './suggest';

/** A tag problem a fix is asked for: its code and where it starts in the macro's text. */
export interface TagProblemAt {
  code: string;
  offset: number;
}

/** An edit of another file than the macro: created with `create`, or changed by `edits` (ranges in its text). */
export interface FileEdit {
  path: string;
  create?: string;
  edits?: Array<{ start: Position; end: Position; newText: string }>;
}

export interface TagQuickFix {
  title: string;
  /** The index of the problem (in the list asked about) it fixes. */
  problem: number;
  preferred?: boolean;
  /** Edits of the macro's text (offsets). */
  edits?: Array<{ start: number; end: number; newText: string }>;
  /** The edit of the project tag catalog ("Add ((Name)) to .ccmacro/tags.json"). */
  fileEdit?: FileEdit;
}

export interface TagFixOptions {
  /** The workspace folder the macro is in: where a new `.ccmacro/tags.json` goes; else the macro's folder. */
  catalogRoot?: string;
}

/**
 * Fixes for `tag/unterminated` (close it, or escape the `((`), `tag/unknown` (the closest known name, and adding
 * the tag to the project catalog) and `render/missing-tag` (adding the tag to the macro's sample) problems. Each is found again in the current text: a problem may be a keystroke
 * old. A catalog that exists but cannot be read is never offered for writing.
 */
export async function tagQuickFixes(
  analysis: MacroAnalysis,
  catalog: TagCatalog,
  macroPath: string,
  problems: readonly TagProblemAt[],
  options: TagFixOptions,
  fs: FileSystemLike,
): Promise<TagQuickFix[]> {
  const fixes: TagQuickFix[] = [];
  const scope = macroScope(analysis.parsed.macro);
  const w = analysis.parsed.tagSyntax.wrap;
  for (const [i, p] of problems.entries()) {
    if (p.code === 'tag/other-syntax') {
      // The whole file, from the other syntax to the project's, as one edit; none when it cannot be converted without
      // changing what it sends (ccmacro convert says where).
      const to = analysis.parsed.tagSyntax;
      const converted = convertTagSyntax(analysis.parsed.text, otherTagSyntax(to), to);
      if (converted.ok && converted.value.edits.length)
        fixes.push({
          title: `Convert this file's tags to ${to.wrap('Tag')} (the project's tag syntax)`,
          problem: i,
          preferred: true,
          edits: converted.value.edits,
        });
      continue;
    }
    if (p.code === 'tag/unterminated') {
      for (const f of unterminatedTagFixes(analysis, p.offset + 1))
        fixes.push({ title: f.title, problem: i, edits: [{ start: f.start, end: f.end, newText: f.newText }] });
      continue;
    }
    if (p.code === 'render/missing-tag') {
      // A known tag no sample item has (an External Data tag another macro saves): give it a value in the sample.
      const missing = tagAt(analysis, p.offset + 2);
      if (!missing || missing.token.kind !== 'tag') continue;
      const name = missing.token.name;
      const fix = await addTagToSampleFix(analysis.parsed, macroPath, name, catalog.tags.get(name), fs);
      if (fix) fixes.push({ title: fix.title, problem: i, edits: fix.edits, fileEdit: fix.fileEdit });
      continue;
    }
    if (p.code !== 'tag/unknown') continue;
    const hit = tagAt(analysis, p.offset + 2);
    if (!hit || hit.token.kind !== 'tag' || !hit.nameRange || catalog.tags.has(hit.token.name)) continue;
    const name = hit.token.name;
    const suggestion = suggestTagName(name, catalog, scope);
    if (suggestion !== undefined)
      fixes.push({
        title: `Change to ${w(suggestion)}`,
        problem: i,
        preferred: true,
        edits: [{ ...hit.nameRange, newText: jsonStringContent(suggestion) }],
      });
    const add = await addToCatalog(w(name), name, scope, catalog, macroPath, options, fs);
    if (add) fixes.push({ title: add.title, problem: i, fileEdit: add.edit });
  }
  return fixes;
}

async function addToCatalog(
  shownTag: string,
  name: string,
  scope: ReturnType<typeof macroScope>,
  catalog: TagCatalog,
  macroPath: string,
  options: TagFixOptions,
  fs: FileSystemLike,
): Promise<{ title: string; edit: FileEdit } | undefined> {
  const target = catalogTarget(catalog, macroPath, options.catalogRoot);
  const read = await fs.readFile(target);
  if (!read.ok && read.error.kind !== 'missing') return undefined;
  const existing = read.ok ? read.value : undefined;
  const edits = addTagToCatalogEdits(existing, name, scope);
  if (edits.length === 0) return undefined;
  const shown = options.catalogRoot ? path.relative(options.catalogRoot, target).split(path.sep).join('/') : target;
  const title = `Add ${shownTag} to ${shown}`;
  if (existing === undefined) return { title, edit: { path: target, create: edits.map(e => e.content).join('') } };
  const lines = new LineIndex(existing);
  return {
    title,
    edit: {
      path: target,
      edits: edits.map(e => ({
        start: lines.positionAt(e.offset),
        end: lines.positionAt(e.offset + e.length),
        newText: e.content,
      })),
    },
  };
}

/**
 * Where "Add to tags.json" writes: the nearest project catalog that already exists inside the workspace folder, else
 * `.ccmacro/tags.json` at the workspace folder's root (the macro's folder outside a workspace).
 */
function catalogTarget(catalog: TagCatalog, macroPath: string, catalogRoot: string | undefined): string {
  const root = catalogRoot ?? path.dirname(macroPath);
  const atRoot = path.join(root, PROJECT_CATALOG_DIR, PROJECT_CATALOG_FILE);
  const inside = catalog.catalogPaths.filter(p => p === atRoot || p.startsWith(root + path.sep));
  return inside.length ? inside[inside.length - 1] : atRoot;
}
