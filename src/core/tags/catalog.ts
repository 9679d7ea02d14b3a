import * as path from 'node:path';
import { parseTree, getNodeValue, type ParseError } from 'jsonc-parser';
import type { FileSystemLike } from '../host';
import type { MacroScope } from '../macro/model';
import { BUILTIN_SAMPLES } from '../samples/builtin';
import { distinctSamples } from '../samples/load';
import { SampleFileCache, type ParsedSampleFile } from '../samples/parse';
import { outsideRefusal, refusesSample, type SampleReach } from '../samples/reach';
import { isInsideTree } from '../common/tree';
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

interface CatalogFileProblem {
  message: string;
  offset: number;
  length: number;
}

interface ParsedCatalogFile {
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
const MAX_DECLARED_LENGTH = 10_000_000;

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

/**
 * `.ccmacro/tags.json` in `dir` and every folder above it, nearest first; with a reach that does not allow reading
 * outside its tree, only up to the tree's root (a catalog in a folder above the repository is not the project's).
 */
export function projectCatalogCandidates(dir: string, reach?: SampleReach): string[] {
  const out: string[] = [];
  const root = reach && reach.outside !== 'allow' ? path.resolve(reach.tree.root) : undefined;
  let d = path.resolve(dir);
  if (root !== undefined && !isInsideTree(root, d)) return out;
  for (;;) {
    out.push(path.join(d, PROJECT_CATALOG_DIR, PROJECT_CATALOG_FILE));
    const up = path.dirname(d);
    if (up === d || d === root) break;
    d = up;
  }
  return out;
}

interface ResolveCatalogOptions {
  /** Absolute path of the macro file. */
  macroPath: string;
  /** Include the built-in catalog (default true; setting `ccmacro.tags.useBuiltinCatalog`). */
  builtinCatalog?: boolean;
  /** The macro's `samples`, as written (relative to the macro's folder). */
  samples?: readonly unknown[];
  /** Which sample item supplies values (default: the first item of the first sample file). */
  activeSample?: { path: string; index: number };
  /**
   * Where samples and catalogs may be read from: a sample outside it that the reach refuses is not read, nor is a
   * catalog outside it unless the reach allows reading outside (see samples/reach.ts).
   */
  sampleReach?: SampleReach;
}

/**
 * The tag catalogs of one workspace (or CLI run): reads catalog and sample files through the host's file
 * system and keeps what it parsed, keyed by file text, so resolving on every keystroke is cheap.
 * One instance lives on the ccmacro service.
 *
 * A catalog is built in layers (TagLayer), each holding only the names it adds or changes: the built-in catalog and
 * External Data (every macro's `returnValues`) once per version of the index, the project catalogs once per set of
 * catalog files, the macro's samples per macro. So resolving for each of n macros costs what that macro adds, not
 * the n names every other macro saves.
 */
export class TagCatalogs {
  /** The `returnValues` names of every macro the host knows: known tags in every macro (external data). */
  readonly externalData = new ExternalDataIndex();
  private readonly catalogFiles = new TextCache(parseCatalogText);
  private readonly lastMerged = new Map<string, { parts: unknown[]; catalog: TagCatalog }>();
  private base?: { builtin: boolean; version: number; layer: TagLayer };
  private readonly chains = new Map<string, TagLayer>();
  /** A number per parsed catalog file, naming a set of them as a key. */
  private readonly fileIds = new WeakMap<ParsedCatalogFile, number>();
  private nextFileId = 1;

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
    for (const p of projectCatalogCandidates(dir, options.sampleReach)) {
      const read = await this.fs.readFile(p);
      // A catalog that is a link out of the tree is not used (looked at only when there is one: most folders have none).
      if (read.ok && !(await outsideRefusal(p, options.sampleReach)))
        catalogs.push({ path: p, file: this.catalogFiles.get(p, read.value) });
    }
    catalogs.reverse(); // farthest first, so nearer ones are merged last and win
    const samples: Array<{ path: string; file: ParsedSampleFile }> = [];
    // A file named twice (or through another path to it) is read once, and at most the files a render reads.
    const specs = (options.samples ?? []).filter((s): s is string => typeof s === 'string' && !!s);
    for (const { spec } of distinctSamples(
      specs.map(spec => ({ spec })),
      dir,
    ).kept) {
      if (spec.startsWith('builtin:')) continue;
      const p = path.resolve(dir, spec);
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
    const catalog = sampleCatalog(this.chain(builtin, catalogs), catalogs, samples, options.activeSample);
    if (this.lastMerged.size > 256) this.lastMerged.clear();
    this.lastMerged.set(options.macroPath, { parts, catalog });
    return catalog;
  }

  /** The built-in and External Data layer, then the project catalogs' layers: each built once and shared. */
  private chain(builtin: boolean, catalogs: ReadonlyArray<{ path: string; file: ParsedCatalogFile }>): TagLayer {
    const version = this.externalData.version;
    if (!this.base || this.base.builtin !== builtin || this.base.version !== version) {
      this.base = { builtin, version, layer: externalLayer(builtinLayer(builtin), this.externalData.tags()) };
      this.chains.clear();
    }
    let layer = this.base.layer;
    let key = '';
    for (const c of catalogs) {
      let id = this.fileIds.get(c.file);
      if (id === undefined) this.fileIds.set(c.file, (id = this.nextFileId++));
      key += `${id}\u0000${c.path}\u0000`;
      let next = this.chains.get(key);
      if (!next) {
        if (this.chains.size > 1024) this.chains.clear();
        this.chains.set(key, (next = projectLayer(layer, c)));
      }
      layer = next;
    }
    return layer;
  }
}

/**
 * The tags of a catalog as one read-only map, built in layers: each layer holds the names it adds or changes and
 * reads the rest from the layer below, so a layer shared by many macros (the built-in catalog with External Data,
 * the project catalogs) is built once. Iteration gives every name once, in the order the layers added them.
 */
export class TagLayer implements ReadonlyMap<string, TagDefinition> {
  readonly size: number;
  constructor(
    readonly below: TagLayer | undefined,
    /** The definitions this layer adds or changes. */
    readonly own: ReadonlyMap<string, TagDefinition>,
  ) {
    let added = 0;
    if (below) for (const k of own.keys()) if (!below.has(k)) added++;
    this.size = (below?.size ?? 0) + (below ? added : own.size);
  }
  get(name: string): TagDefinition | undefined {
    return this.own.get(name) ?? this.below?.get(name);
  }
  has(name: string): boolean {
    return this.own.has(name) || !!this.below?.has(name);
  }
  *entries(): MapIterator<[string, TagDefinition]> {
    if (this.below) for (const [k, v] of this.below.entries()) yield [k, this.own.get(k) ?? v];
    for (const [k, v] of this.own) if (!this.below?.has(k)) yield [k, v];
  }
  *keys(): MapIterator<string> {
    for (const [k] of this.entries()) yield k;
  }
  *values(): MapIterator<TagDefinition> {
    for (const [, v] of this.entries()) yield v;
  }
  [Symbol.iterator](): MapIterator<[string, TagDefinition]> {
    return this.entries();
  }
  forEach(fn: (value: TagDefinition, key: string, map: ReadonlyMap<string, TagDefinition>) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }
  /** The layers from the bottom one up to this one. */
  layers(): TagLayer[] {
    return [...(this.below?.layers() ?? []), this];
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
  let layer = externalLayer(builtinLayer(builtin), externalData);
  for (const c of catalogs) layer = projectLayer(layer, c);
  return sampleCatalog(layer, catalogs, samples, activeSample);
}

const copyOf = (d: TagDefinition): TagDefinition => ({ ...d, sources: [...d.sources] });

function builtinLayer(builtin: boolean): TagLayer {
  const own = new Map<string, TagDefinition>();
  if (builtin)
    for (const e of builtinCatalogEntries())
      own.set(e.name, {
        name: e.name,
        scope: e.scope ?? 'both',
        type: e.type ?? 'text',
        description: e.description,
        example: e.example,
        ...(e.maxLength !== undefined ? { maxLength: e.maxLength } : {}),
        sources: [{ kind: 'builtin' }],
      });
  return new TagLayer(undefined, own);
}

/** External Data: a name no catalog defines is a text tag of the saving macro's scope (of both, when saved by both). */
function externalLayer(below: TagLayer, externalData: readonly ExternalDataTag[]): TagLayer {
  const own = new Map<string, TagDefinition>();
  for (const x of externalData) {
    if (BAD_NAME_CHAR.test(x.name)) continue;
    let def = own.get(x.name);
    if (!def) {
      const prev = below.get(x.name);
      if (!prev) {
        own.set(x.name, { name: x.name, scope: x.scope, type: 'text', sources: [x.source] });
        continue;
      }
      own.set(x.name, (def = copyOf(prev)));
    }
    // Saved by a feedback macro and by a user macro: a tag of both.
    if (def.sources.every(s => s.kind === 'returnValue') && def.scope !== x.scope) def.scope = 'both';
    def.sources.push(x.source);
  }
  return new TagLayer(below, own);
}

/**
 * A project catalog over the layers below: it overrides a built-in or farther entry field by field, and defines a
 * name that only External Data knows afresh (a catalog entry is the definition; the macros that save it stay sources).
 */
function projectLayer(below: TagLayer, c: { path: string; file: ParsedCatalogFile }): TagLayer {
  const own = new Map<string, TagDefinition>();
  for (const e of c.file.entries) {
    const source: TagSource = { kind: 'project', path: c.path, offset: e.offset, length: e.length };
    const prev = own.get(e.name) ?? below.get(e.name);
    if (!prev || prev.sources.every(s => s.kind === 'returnValue')) {
      own.set(e.name, {
        name: e.name,
        scope: e.scope ?? 'both',
        type: e.type ?? 'text',
        description: e.description,
        example: e.example,
        ...(e.maxLength !== undefined ? { maxLength: e.maxLength } : {}),
        sources: [source, ...(prev?.sources ?? [])],
      });
      continue;
    }
    const def = own.get(e.name) ?? copyOf(prev);
    if (e.scope) def.scope = e.scope;
    if (e.type) def.type = e.type;
    if (e.description !== undefined) def.description = e.description;
    if (e.example !== undefined) def.example = e.example;
    if (e.maxLength !== undefined) def.maxLength = e.maxLength;
    def.sources.unshift(source);
    own.set(e.name, def);
  }
  return new TagLayer(below, own);
}

/**
 * A definition from a layer below with more sources (the macro's samples): its source list is made when first read,
 * so a name that many macros save costs nothing per macro that merely has it in a sample.
 */
class WithSampleSources implements TagDefinition {
  readonly name: string;
  scope: TagScope;
  type: TagValueType;
  description?: string;
  example?: string;
  maxLength?: number;
  private list?: TagSource[];
  constructor(
    private readonly base: TagDefinition,
    readonly extra: TagSource[],
  ) {
    this.name = base.name;
    this.scope = base.scope;
    this.type = base.type;
    if (base.description !== undefined) this.description = base.description;
    if (base.example !== undefined) this.example = base.example;
    if (base.maxLength !== undefined) this.maxLength = base.maxLength;
  }
  get sources(): TagSource[] {
    return (this.list ??= [...this.base.sources, ...this.extra]);
  }
}

/** The macro's own layer (its samples' keys) and the values of the active sample item. */
function sampleCatalog(
  below: TagLayer,
  catalogs: ReadonlyArray<{ path: string; file: ParsedCatalogFile }>,
  samples: ReadonlyArray<{ path: string; file: ParsedSampleFile }>,
  activeSample?: { path: string; index: number },
): TagCatalog {
  const own = new Map<string, TagDefinition>();
  const extra = new Map<string, { sources: TagSource[]; paths: Set<string> }>();
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
        const more = extra.get(k.name);
        if (more) {
          if (!more.paths.has(s.path)) {
            more.paths.add(s.path);
            more.sources.push(source);
          }
          continue;
        }
        const entry = { sources: [source], paths: new Set([s.path]) };
        extra.set(k.name, entry);
        if (!below.has(k.name))
          own.set(k.name, { name: k.name, scope: 'both', type: inferType(k.value), sources: entry.sources });
      }
    }
  }
  for (const [name, more] of extra) {
    const prev = below.get(name);
    if (prev) own.set(name, new WithSampleSources(prev, more.sources));
  }
  const tags = new TagLayer(below, own);

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
