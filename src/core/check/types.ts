import type { Problem } from '../common/problem';
import type { LineIndex } from '../common/text';
import type { CancellationToken, FileSystemLike, MacroSchemaValidator } from '../host';
import type { ParsedMacro } from '../macro/parse';
import type { TagCatalogs } from '../tags/catalog';
import type { SampleFileCache } from '../samples/parse';
import type { ProjectConfigs } from '../project/config';
import type { TagSyntax } from '../project/tagSyntax';
import type { SampleReach } from '../samples/reach';
import type { EnvironmentFiles } from '../environments/environments';

export interface ValidateOptions {
  /** Absolute path of the macro file (relative sample paths resolve against its folder). */
  path: string;
  /** Use the built-in tag catalog (setting `ccmacro.tags.useBuiltinCatalog`). Default true. */
  builtinCatalog?: boolean;
  /**
   * Render at most this many items of each sample file (the editor checks on every keystroke; a send or
   * `ccmacro validate`, which has no limit, checks the rest). Default: every item.
   */
  sampleItemLimit?: number;
  /**
   * Where the macro's samples may be read from (the repository, the workspace folder) and what happens to one outside
   * it: `sample/outside` at its `samples` entry, an error when refused (the CLI), a warning when read anyway (the
   * editor). Undefined: samples are read wherever they are.
   */
  sampleReach?: SampleReach;
  /**
   * The folder tree the macro is in, where its `.ccmacro/config.json` is looked for (never above it). Default: the
   * sample reach's tree; without either, only the macro's own folder.
   */
  root?: string;
  /** The macro's tag syntax when the caller knows it already (else read from its project config). */
  tagSyntax?: TagSyntax;
  /**
   * The environment to check and render `${var:NAME}` with (`--env`, the editor's active one). Undefined: every
   * environment is checked for each `${var:…}`, and renders keep them by name.
   */
  environment?: string;
}

/** What checks read besides the macro: files, and the caches that live on the ccmacro service. */
export interface CheckEnvironment {
  readonly fs: FileSystemLike;
  readonly catalogs: TagCatalogs;
  /** The host's schema validator: the schema check runs when there is one (the CLI, not the editor). */
  readonly schema?: MacroSchemaValidator;
  /** Parsed sample files, shared with the tag catalogs. */
  readonly sampleFiles: SampleFileCache;
  /** Project configs (the tag syntax). */
  readonly configs: ProjectConfigs;
  /** The environment files (`${var:NAME}` values); absent: no environment is known. */
  readonly environments?: EnvironmentFiles;
}

export interface CheckContext {
  readonly parsed: ParsedMacro;
  readonly options: ValidateOptions;
  readonly env: CheckEnvironment;
  readonly dir: string;
  readonly lines: LineIndex;
  /**
   * Work several checks need, done once per validation: e.g. `sampleRenders`, the macro rendered with every item of
   * its samples (check/renderSamples.ts), which the render check reads and any check about the rendered body can.
   */
  readonly shared: { sampleRenders?: Promise<unknown>; environments?: Promise<unknown> };
  /** Cancelled when the caller no longer wants the result: long checks stop between steps (throwIfCancelled). */
  readonly token?: CancellationToken;
}

/** One family of checks. Each returns problems with ranges into the document text. */
export type MacroCheck = (ctx: CheckContext) => Problem[] | Promise<Problem[]>;

export interface NamedCheck {
  name: string;
  run: MacroCheck;
}

export interface ValidationResult {
  parsed: ParsedMacro;
  problems: Problem[];
  lines: LineIndex;
}
