/**
 * ccmacro's core, reached through one service object. The VS Code extension and the CLI each create one with
 * their host (src/core/host.ts) and hand it to whatever needs files, secrets or the caches: the tag catalogs,
 * the compiled macro schema and the sender's connections live on the instance, never in module state.
 * Pure functions (parseMacro, renderMacro, …) are imported from their concept folders directly.
 */
import { validateMacroText } from './check/validate';
import { MacroSchema } from './check/schema';
import type { ValidateOptions, ValidationResult } from './check/types';
import { nullLogger, type FileSystemLike, type Logger } from './host';
import type { Sender } from './send/send';
import { TagCatalogs } from './tags/catalog';
import { SampleFileCache } from './samples/parse';
import { EnvironmentFiles } from './environments/environments';

export interface CcmacroHost {
  fs: FileSystemLike;
  logger?: Logger;
}

export interface CcmacroService {
  readonly fs: FileSystemLike;
  readonly logger: Logger;
  /** Tag catalogs per macro, merged from the built-in catalog, `.ccmacro/tags.json` files and samples. */
  readonly catalogs: TagCatalogs;
  /** The environment files (`.ccmacro/environments.json` and its local overlay) of each project, kept while unchanged. */
  readonly environments: EnvironmentFiles;
  /** Parse and run every check on one macro's text; never throws for bad input. */
  validate(text: string, options: ValidateOptions): Promise<ValidationResult>;
  /** The one sender (its kept-alive connections), loaded and created on the first send. */
  sender(): Promise<Sender>;
  /** Close what the service holds open (the sender's connections); loads nothing when nothing was sent. */
  dispose(): Promise<void>;
}

export function createCcmacroService(host: CcmacroHost): CcmacroService {
  const sampleFiles = new SampleFileCache();
  const catalogs = new TagCatalogs(host.fs, sampleFiles);
  // Not in the editor's build: see ALL_CHECKS.
  const schema = process.env.CCMACRO_BUILD === 'editor' ? undefined : new MacroSchema();
  const environments = new EnvironmentFiles(host.fs);
  const env = { fs: host.fs, catalogs, schema, sampleFiles, environments };
  let sender: Promise<Sender> | undefined;
  return Object.freeze({
    fs: host.fs,
    logger: host.logger ?? nullLogger,
    catalogs,
    environments,
    validate: (text: string, options: ValidateOptions) => validateMacroText(text, options, env),
    sender: () => (sender ??= import('./send/send').then(m => new m.Sender())),
    dispose: async () => {
      if (sender) await (await sender).close();
    },
  });
}
