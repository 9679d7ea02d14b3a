import * as path from 'node:path';
import { parseTree, getNodeValue, type Node, type ParseError } from 'jsonc-parser';
import type { FileSystemLike } from '../fs';
import type { MacroScope } from '../macro/model';
import builtinCatalogFile from '../../../catalog/builtin-tags.json';

export type TagScope = 'feedback' | 'user' | 'both';
export type TagValueType = 'text' | 'number' | 'date' | 'url' | 'list';

/** Where a tag is defined. Offsets point at the entry (catalog) or the key (sample) in that file's text. */
export type TagSource =
  | { kind: 'builtin' }
  | { kind: 'project'; path: string; offset: number; length: number }
  | { kind: 'sample'; path: string; offset: number; length: number };

export interface TagDefinition {
  name: string;
  scope: TagScope;
  type: TagValueType;
  description?: string;
  example?: string;
  /** Every place that defines the tag, highest precedence first (nearest project catalog, …, built-in, samples last). */
  sources: TagSource[];
}

/** The tags one macro can use, merged from every source. */
export interface TagCatalog {
  /** By exact name, in a stable order: built-in order, then added project tags, then sample-only tags. */
  readonly tags: ReadonlyMap<string, TagDefinition>;
  /** The active sample: tag name → value (the first item of the first sample file unless chosen otherwise). */
  readonly sampleValues: ReadonlyMap<string, unknown>;
  /** Where the active sample came from, for hover. */
  readonly activeSample?: { path: string; index: number };
  /** The project catalogs that were read, farthest first. */
  readonly catalogPaths: readonly string[];
}

/** One tag entry as read from a catalog file (fields left out stay undefined so overrides merge by field). */
interface CatalogEntry {
  name: string;
  scope?: TagScope;
  type?: TagValueType;
  description?: string;
  example?: string;
  offset: number;
  length: number;
}

export interface CatalogFileProblem {
  message: string;
  offset: number;
  length: number;
}

export interface ParsedCatalogFile {
  entries: CatalogEntry[];
  /** What is wrong in the file itself; the macro ignores broken parts and never fails because of them. */
  problems: CatalogFileProblem[];
}

const SCOPES = new Set(['feedback', 'user', 'both']);
const TYPES = new Set(['text', 'number', 'date', 'url', 'list']);
const BAD_NAME_CHAR = /[()\u0000-\u001f\u007f\u2028\u2029]/;

/** Reads a catalog (`{ "tags": [ … ] }`); never throws, keeps every valid entry of a partly broken file. */
export function parseCatalogText(text: string): ParsedCatalogFile {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const problems: CatalogFileProblem[] = errors.map(e => ({ message: 'This file is not valid JSON here', offset: e.offset, length: e.length }));
  const entries: CatalogEntry[] = [];
  const tagsProp = root?.type === 'object' ? root.children?.find(p => p.children?.[0]?.value === 'tags') : undefined;
  const tagsNode = tagsProp?.children?.[1];
  if (!tagsNode || tagsNode.type !== 'array') {
    problems.push({ message: 'A tag catalog is an object with a "tags" array', offset: root?.offset ?? 0, length: root ? 1 : 0 });
    return { entries, problems };
  }
  for (const item of tagsNode.children ?? []) {
    const v = item.type === 'object' ? (getNodeValue(item) as Record<string, unknown>) : undefined;
    const name = typeof v?.name === 'string' ? v.name.trim() : '';
    if (!v || !name || BAD_NAME_CHAR.test(name)) {
      problems.push({ message: 'Each tag needs a "name" without parentheses or line breaks', offset: item.offset, length: item.length });
      continue;
    }
    entries.push({
      name,
      scope: typeof v.scope === 'string' && SCOPES.has(v.scope) ? (v.scope as TagScope) : undefined,
      type: typeof v.type === 'string' && TYPES.has(v.type) ? (v.type as TagValueType) : undefined,
      description: typeof v.description === 'string' ? v.description : undefined,
      example: typeof v.example === 'string' ? v.example : typeof v.example === 'number' ? String(v.example) : undefined,
      offset: item.offset,
      length: item.length,
    });
  }
  return { entries, problems };
}

export interface SampleItemKey {
  name: string;
  value: unknown;
  offset: number;
  length: number;
}

/** A sample file: one object of tag name → value, or an array of them (several feedback items). */
export interface ParsedSampleFile {
  items: SampleItemKey[][];
}

export function parseSampleText(text: string): ParsedSampleFile {
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  const objects: Node[] = root?.type === 'object' ? [root] : root?.type === 'array' ? (root.children ?? []).filter(n => n.type === 'object') : [];
  const items = objects.map(obj =>
    (obj.children ?? []).flatMap(prop => {
      const key = prop.children?.[0];
      const val = prop.children?.[1];
      if (!key || typeof key.value !== 'string') return [];
      return [{ name: key.value, value: val ? getNodeValue(val) : undefined, offset: key.offset, length: key.length }];
    }),
  );
  return { items };
}

/** Small text-keyed caches: the same file text is parsed once, so resolving on every keystroke is cheap. */
class TextCache<T> {
  private readonly map = new Map<string, { text: string; value: T }>();
  constructor(private readonly parse: (text: string) => T, private readonly max = 64) {}
  get(key: string, text: string): T {
    const hit = this.map.get(key);
    if (hit && hit.text === text) return hit.value;
    const value = this.parse(text);
    if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value as string);
    this.map.set(key, { text, value });
    return value;
  }
}
const catalogCache = new TextCache(parseCatalogText);
const sampleCache = new TextCache(parseSampleText);

let builtinEntries: CatalogEntry[] | undefined;
function builtinCatalogEntries(): CatalogEntry[] {
  builtinEntries ??= (builtinCatalogFile.tags as Array<Omit<CatalogEntry, 'offset' | 'length'>>).map(t => ({ ...t, offset: 0, length: 0 }));
  return builtinEntries;
}

export const PROJECT_CATALOG_DIR = '.ccmacro';
export const PROJECT_CATALOG_FILE = 'tags.json';

/** `.ccmacro/tags.json` in `dir` and every folder above it, nearest first. */
export function projectCatalogCandidates(dir: string): string[] {
  const out: string[] = [];
  let d = path.resolve(dir);
  for (;;) {
    out.push(path.join(d, PROJECT_CATALOG_DIR, PROJECT_CATALOG_FILE));
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  return out;
}

export interface ResolveCatalogOptions {
  /** Absolute path of the macro file. */
  macroPath: string;
  fs: FileSystemLike;
  /** Include the built-in catalog (default true; setting `ccmacro.tags.useBuiltinCatalog`). */
  builtinCatalog?: boolean;
  /** The macro's `samples`, as written (relative to the macro's folder). */
  samples?: readonly unknown[];
  /** Which sample item supplies values (default: the first item of the first sample file). */
  activeSample?: { path: string; index: number };
}

/**
 * Built-in tags, then every `.ccmacro/tags.json` from the filesystem root down to the macro's folder
 * (a nearer catalog overrides a farther one, field by field), then the keys of the macro's sample files.
 * Sample keys make a tag known but never replace a catalog's description, type or scope.
 * Broken catalog or sample files are skipped where broken; this never throws for bad input.
 */
export async function resolveTagCatalog(options: ResolveCatalogOptions): Promise<TagCatalog> {
  const dir = path.dirname(options.macroPath);
  const catalogs: Array<{ path: string; file: ParsedCatalogFile }> = [];
  for (const p of projectCatalogCandidates(dir)) {
    const text = await options.fs.readFile(p).catch(() => undefined);
    if (text !== undefined) catalogs.push({ path: p, file: catalogCache.get(p, text) });
  }
  catalogs.reverse(); // farthest first, so nearer ones are merged last and win
  const samples: Array<{ path: string; file: ParsedSampleFile }> = [];
  for (const s of options.samples ?? []) {
    if (typeof s !== 'string' || !s) continue;
    const p = path.resolve(dir, s);
    const text = await options.fs.readFile(p).catch(() => undefined);
    if (text !== undefined) samples.push({ path: p, file: sampleCache.get(p, text) });
  }
  // Same parsed files as last time for this macro → same catalog object (cheap on every keystroke,
  // and lets callers key their own caches by catalog identity).
  const builtin = options.builtinCatalog !== false;
  const parts = [builtin, options.activeSample?.path, options.activeSample?.index, ...catalogs.flatMap(c => [c.path, c.file]), '|', ...samples.flatMap(s => [s.path, s.file])];
  const last = lastMerged.get(options.macroPath);
  if (last && last.parts.length === parts.length && last.parts.every((x, i) => x === parts[i])) return last.catalog;
  const catalog = mergeCatalog(builtin, catalogs, samples, options.activeSample);
  if (lastMerged.size > 256) lastMerged.clear();
  lastMerged.set(options.macroPath, { parts, catalog });
  return catalog;
}

const lastMerged = new Map<string, { parts: unknown[]; catalog: TagCatalog }>();

/** The merge step of resolveTagCatalog, without I/O (exported for tests and benchmarks). */
export function mergeCatalog(
  builtin: boolean,
  catalogs: ReadonlyArray<{ path: string; file: ParsedCatalogFile }>,
  samples: ReadonlyArray<{ path: string; file: ParsedSampleFile }>,
  activeSample?: { path: string; index: number },
): TagCatalog {
  const tags = new Map<string, TagDefinition>();
  const apply = (e: CatalogEntry, source: TagSource) => {
    const prev = tags.get(e.name);
    if (!prev) {
      tags.set(e.name, { name: e.name, scope: e.scope ?? 'both', type: e.type ?? 'text', description: e.description, example: e.example, sources: [source] });
      return;
    }
    if (e.scope) prev.scope = e.scope;
    if (e.type) prev.type = e.type;
    if (e.description !== undefined) prev.description = e.description;
    if (e.example !== undefined) prev.example = e.example;
    prev.sources.unshift(source);
  };
  if (builtin) for (const e of builtinCatalogEntries()) apply(e, { kind: 'builtin' });
  for (const c of catalogs) for (const e of c.file.entries) apply(e, { kind: 'project', path: c.path, offset: e.offset, length: e.length });

  for (const s of samples) {
    for (const item of s.file.items) {
      for (const k of item) {
        const name = k.name.trim();
        if (!name || BAD_NAME_CHAR.test(name)) continue;
        const source: TagSource = { kind: 'sample', path: s.path, offset: k.offset, length: k.length };
        const prev = tags.get(name);
        if (!prev) tags.set(name, { name, scope: 'both', type: inferType(k.value), sources: [source] });
        else if (!prev.sources.some(x => x.kind === 'sample' && x.path === s.path)) prev.sources.push(source);
      }
    }
  }

  const sampleValues = new Map<string, unknown>();
  let active: { path: string; index: number } | undefined;
  const chosen = activeSample ? samples.find(s => s.path === activeSample.path) : samples.find(s => s.file.items.length > 0);
  const index = activeSample && chosen ? activeSample.index : 0;
  const item = chosen?.file.items[index];
  if (chosen && item) {
    active = { path: chosen.path, index };
    for (const k of item) sampleValues.set(k.name.trim(), k.value);
  }
  return { tags, sampleValues, activeSample: active, catalogPaths: catalogs.map(c => c.path) };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function inferType(v: unknown): TagValueType {
  if (typeof v === 'number') return 'number';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'string') {
    if (/^https?:\/\//i.test(v)) return 'url';
    if (ISO_DATE.test(v)) return 'date';
  }
  return 'text';
}

/** Tags a macro of this scope may use: its own scope and `both`. */
export function tagFitsScope(tag: TagDefinition, scope: MacroScope): boolean {
  return tag.scope === 'both' || tag.scope === scope;
}
