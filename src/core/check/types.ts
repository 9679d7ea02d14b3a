import type { Problem } from '../common/problem';
import type { LineIndex } from '../common/text';
import type { FileSystemLike } from '../host';
import type { ParsedMacro } from '../macro/parse';
import type { TagCatalogs } from '../tags/catalog';
import type { MacroSchema } from './schema';

export interface ValidateOptions {
  /** Absolute path of the macro file (relative sample paths resolve against its folder). */
  path: string;
  /**
   * Run the JSON-schema check. The CLI does; the editor does not, because VS Code's JSON
   * language server already reports schema problems from the contributed schema.
   */
  schema?: boolean;
  /** Use the built-in tag catalog (setting `ccmacro.tags.useBuiltinCatalog`). Default true. */
  builtinCatalog?: boolean;
}

/** What checks read besides the macro: files, and the caches that live on the ccmacro service. */
export interface CheckEnvironment {
  readonly fs: FileSystemLike;
  readonly catalogs: TagCatalogs;
  readonly schema: MacroSchema;
}

export interface CheckContext {
  readonly parsed: ParsedMacro;
  readonly options: ValidateOptions;
  readonly env: CheckEnvironment;
  readonly dir: string;
  readonly lines: LineIndex;
}

/** One family of checks. Each returns problems with ranges into the document text. */
export type MacroCheck = (ctx: CheckContext) => Problem[] | Promise<Problem[]>;

export interface NamedCheck {
  name: string;
  run: MacroCheck;
  /** Skip the check for these options (e.g. the schema check in the editor). */
  when?: (o: ValidateOptions) => boolean;
}

export interface ValidationResult {
  parsed: ParsedMacro;
  problems: Problem[];
  lines: LineIndex;
}
