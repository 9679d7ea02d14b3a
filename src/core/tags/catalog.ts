import * as path from 'node:path';
import { parseTree, getNodeValue, type ParseError } from 'jsonc-parser';
import type { FileSystemLike } from '../host';
import type { MacroScope } from '../macro/model';
import { BUILTIN_SAMPLES } from '../samples/builtin';
import { SampleFileCache, type ParsedSampleFile } from '../samples/parse';
import { refusesSample, type SampleReach } from '../samples/reach';
import { SampleNumber } from '../samples/types';
import { TextCache } from '../common/textCache';
import { ExternalDataIndex, type ExternalDataTag, type ReturnValueSource } from './externalData';
import { tooDeepMessage, tooDeepOffset } from '../common/jsonDepth';
import builtinCatalogFile from '../../../catalog/builtin-tags.json';

export type TagScope = 'feedback' | 'user' | 'both';
export type TagValueType = 'text' | 'number' | 'date' | 'url' | 'list';

/** Where a tag is defined. Offsets point at the entry (catalog) or the key (sample) in that file's text. */
export type TagSource =
  | { kind: 'builtin' }
  | { kind: 'project'; path: string; offset: number; length: number }
  | { kind: 'sample'; path: string; offset: number; length: number }
  /** External data: a `returnValues` entry of a macro in the workspace (or CLI run). */
  | ReturnValueSource;

export interface TagDefinition {
  name: string;
  scope: TagScope;
  type: TagValueType;
  description?: string;
  example?: string;
  /**
   * The longest value Centercode puts in place of the tag, in characters, when a catalog declares it (`maxLength`):
   * length and size limits are also checked with a value this long (check/longestValues.ts).
   */
  maxLength?: number;
  /**
   * Every place that defines the tag, highest precedence first (nearest project catalog, …, built-in, then the
   * macros that save it as external data, samples last).
   */
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
  maxLength?: number;
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
  const deep = tooDeepOffset(text);
  if (deep >= 0) return { entries: [], problems: [{ message: tooDeepMessage('This file'), offset: deep, length: 1 }] };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const problems: CatalogFileProblem[] = errors.map(e => ({
    message: 'This file is not valid JSON here',
    offset: e.offset,
    length: e.length,
  }));
  const entries: CatalogEntry[] = [];
  const tagsProp = root?.type === 'object' ? root.children?.find(p => p.children?.[0]?.value === 'tags') : undefined;
  const tagsNode = tagsProp?.children?.[1];
  if (!tagsNode || tagsNode.type !== 'array') {
    problems.push({
      message: 'A tag catalog is an object with a "tags" array',
      offset: root?.offset ?? 0,
      length: root ? 1 : 0,
    });
    return { entries, problems };
  }
  for (const item of tagsNode.children ?? []) {
    const v = item.type === 'object' ? (getNodeValue(item) as Record<string, unknown>) : undefined;
    const name = typeof v?.name === 'string' ? v.name.trim() : '';
    if (!v || !name || BAD_NAME_CHAR.test(name)) {
      problems.push({
        message: 'Each tag needs a "name" without parentheses or line breaks',
        offset: item.offset,
        length: item.length,
      });
      continue;
    }
    entries.push({
      name,
      scope: typeof v.scope === 'string' && SCOPES.has(v.scope) ? (v.scope as TagScope) : undefined,
      type: typeof v.type === 'string' && TYPES.has(v.type) ? (v.type as TagValueType) : undefined,
      description: typeof v.description === 'string' ? v.description : undefined,
      example:
        typeof v.example === 'string' ? v.example : typeof v.example === 'number' ? String(v.example) : undefined,
      maxLength: catalogMaxLength(v.maxLength),
      offset: item.offset,
      length: item.length,
    });
    if (v.maxLength !== undefined && catalogMaxLength(v.maxLength) === undefined)
      problems.push({
        message: '"maxLength" is a whole number of characters from 1 to 10,000,000',
        offset: item.offset,
        length: item.length,
      });
  }
  return { entries, problems };
}

/** The most characters a declared maxLength may say (a value this long is rendered to check limits). */
export const MAX_DECLARED_LENGTH = 10_000_000;

function catalogMaxLength(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_DECLARED_LENGTH ? v : undefined;
}

let builtinEntries: CatalogEntry[] | undefined;
function builtinCatalogEntries(): CatalogEntry[] {
  builtinEntries ??= (builtinCatalogFile.tags as Array<Omit<CatalogEntry, 'offset' | 'length'>>).map(t => ({
    ...t,
    offset: 0,
    length: 0,
  }));
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
  /** Include the built-in catalog (default true; setting `ccmacro.tags.useBuiltinCatalog`). */
  builtinCatalog?: boolean;
  /** The macro's `samples`, as written (relative to the macro's folder). */
  samples?: readonly unknown[];
  /** Which sample item supplies values (default: the first item of the first sample file). */
  activeSample?: { path: string; index: number };
  /** Where samples may be read from: one outside it that the reach refuses is not read (see samples/reach.ts). */
  sampleReach?: SampleReach;
}

/**
 * The tag catalogs of one workspace (or CLI run): reads catalog and sample files through the host's file
 * system and keeps what it parsed, keyed by file text, so resolving on every keystroke is cheap.
 * One instance lives on the ccmacro service.
 */
export class TagCatalogs {
  /** The `returnValues` names of every macro the host knows: known tags in every macro (external data). */
  readonly externalData = new ExternalDataIndex();
  private readonly catalogFiles = new TextCache(parseCatalogText);
  private readonly lastMerged = new Map<string, { parts: unknown[]; catalog: TagCatalog }>();

  constructor(
    private readonly fs: FileSystemLike,
    private readonly sampleFiles = new SampleFileCache(),
  ) {}

  /**
   * Built-in tags, then every `.ccmacro/tags.json` from the filesystem root down to the macro's folder
   * (a nearer catalog overrides a farther one, field by field), then the keys of the macro's sample files.
   * Sample keys make a tag known but never replace a catalog's description, type or scope.
   * Broken catalog or sample files are skipped where broken; this never throws for bad input.
   */
  async resolve(options: ResolveCatalogOptions): Promise<TagCatalog> {
    const dir = path.dirname(options.macroPath);
    await this.externalData.ready();
    const catalogs: Array<{ path: string; file: ParsedCatalogFile }> = [];
    for (const p of projectCatalogCandidates(dir)) {
      const read = await this.fs.readFile(p);
      if (read.ok) catalogs.push({ path: p, file: this.catalogFiles.get(p, read.value) });
    }
    catalogs.reverse(); // farthest first, so nearer ones are merged last and win
    const samples: Array<{ path: string; file: ParsedSampleFile }> = [];
    for (const s of options.samples ?? []) {
      if (typeof s !== 'string' || !s) continue;
      const p = path.resolve(dir, s);
      if (await refusesSample(p, options.sampleReach)) continue;
      const read = await this.fs.readFile(p);
      if (read.ok) samples.push({ path: p, file: this.sampleFiles.parse(p, read.value) });
    }
    // Same parsed files as last time for this macro → same catalog object (cheap on every keystroke,
    // and lets callers key their own caches by catalog identity).
    const builtin = options.builtinCatalog !== false;
    const parts = [
      builtin,
      this.externalData.version,
      options.activeSample?.path,
      options.activeSample?.index,
      ...catalogs.flatMap(c => [c.path, c.file]),
      '|',
      ...samples.flatMap(s => [s.path, s.file]),
    ];
    const last = this.lastMerged.get(options.macroPath);
    if (last && last.parts.length === parts.length && last.parts.every((x, i) => x === parts[i])) return last.catalog;
    const catalog = mergeCatalog(builtin, catalogs, samples, options.activeSample, this.externalData.tags());
    if (this.lastMerged.size > 256) this.lastMerged.clear();
    this.lastMerged.set(options.macroPath, { parts, catalog });
    return catalog;
  }
}

/** The merge step of resolveTagCatalog, without I/O (exported for tests and benchmarks). */
export function mergeCatalog(
  builtin: boolean,
  catalogs: ReadonlyArray<{ path: string; file: ParsedCatalogFile }>,
  samples: ReadonlyArray<{ path: string; file: ParsedSampleFile }>,
  activeSample?: { path: string; index: number },
  externalData: readonly ExternalDataTag[] = [],
): TagCatalog {
  const tags = new Map<string, TagDefinition>();
  const apply = (e: CatalogEntry, source: TagSource) => {
    const prev = tags.get(e.name);
    if (!prev) {
      tags.set(e.name, {
        name: e.name,
        scope: e.scope ?? 'both',
        type: e.type ?? 'text',
        description: e.description,
        example: e.example,
        ...(e.maxLength !== undefined ? { maxLength: e.maxLength } : {}),
        sources: [source],
      });
      return;
    }
    if (e.scope) prev.scope = e.scope;
    if (e.type) prev.type = e.type;
    if (e.description !== undefined) prev.description = e.description;
    if (e.example !== undefined) prev.example = e.example;
    if (e.maxLength !== undefined) prev.maxLength = e.maxLength;
    prev.sources.unshift(source);
  };
  if (builtin) for (const e of builtinCatalogEntries()) apply(e, { kind: 'builtin' });
  for (const c of catalogs)
    for (const e of c.file.entries) apply(e, { kind: 'project', path: c.path, offset: e.offset, length: e.length });

  for (const x of externalData) {
    if (BAD_NAME_CHAR.test(x.name)) continue;
    const prev = tags.get(x.name);
    if (!prev) tags.set(x.name, { name: x.name, scope: x.scope, type: 'text', sources: [x.source] });
    else {
      // Saved by a feedback macro and by a user macro: a tag of both.
      if (prev.sources.every(s => s.kind === 'returnValue') && prev.scope !== x.scope) prev.scope = 'both';
      prev.sources.push(x.source);
    }
  }

  for (const s of samples) {
    for (const item of s.file.items) {
      for (const k of item.keys) {
        if (BAD_NAME_CHAR.test(k.name)) continue;
        const source: TagSource = {
          kind: 'sample',
          path: s.path,
          offset: k.range.start,
          length: k.range.end - k.range.start,
        };
        const prev = tags.get(k.name);
        if (!prev) tags.set(k.name, { name: k.name, scope: 'both', type: inferType(k.value), sources: [source] });
        else if (!prev.sources.some(x => x.kind === 'sample' && x.path === s.path)) prev.sources.push(source);
      }
    }
  }

  const sampleValues = new Map<string, unknown>();
  let active: { path: string; index: number } | undefined;
  // A built-in sample picked in the preview gives values too (it has no file, so it adds no tags).
  const builtinItem = activeSample?.path.startsWith('builtin:')
    ? BUILTIN_SAMPLES.find(b => `builtin:${b.id}` === activeSample.path)?.items[activeSample.index]
    : undefined;
  if (activeSample && builtinItem) {
    active = activeSample;
    for (const [name, value] of Object.entries(builtinItem)) sampleValues.set(name, value);
  } else {
    const chosen = activeSample
      ? samples.find(s => s.path === activeSample.path)
      : samples.find(s => s.file.items.some(i => i.item));
    const index = activeSample && chosen ? activeSample.index : (chosen?.file.items.findIndex(i => i.item) ?? 0);
    const item = chosen?.file.items[index]?.item;
    if (chosen && item) {
      active = { path: chosen.path, index };
      for (const [name, value] of Object.entries(item)) sampleValues.set(name, value);
    }
  }
  return { tags, sampleValues, activeSample: active, catalogPaths: catalogs.map(c => c.path) };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function inferType(v: unknown): TagValueType {
  if (typeof v === 'number' || v instanceof SampleNumber) return 'number';
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
