import * as path from 'node:path';
import { createCcmacroService, type CcmacroService, type MacroDocument } from '../core';
import type { Logger } from '../core/host';
import { nodeFileSystem } from './nodeFs';
import { ajvMacroSchema } from './schema';

/**
 * The npm package's API for Node scripts (`require('ccmacro')`, `import … from 'ccmacro'`): the ccmacro service
 * with the CLI's own Node host — the disk, read as the CLI reads it, and the JSON-schema check `ccmacro validate`
 * runs — so a script gets the same problems, renders and snapshot results as the CLI and the editor. Documented in
 * docs/api.md; its types are emitted to dist/types/ by scripts/types.mjs.
 */

export type { CcmacroService, MacroDocument } from '../core';
export type { CheckOptions } from '../core';
export type { Logger } from '../core/host';
export type { Problem, ProblemPosition, Severity } from '../core/common/problem';
export type { ValidationResult } from '../core/check/types';
export type { RenderedRequest, RenderResult } from '../core/render/types';
export type { MacroTestResult, ItemResult } from '../core/snapshot/compare';
export { problemPosition, formatProblem } from '../core/common/problem';

export interface NodeServiceOptions {
  /** Where the service says what it did when something is worth a line (slow checks, internal failures). */
  logger?: Logger;
}

/**
 * A ccmacro service over this machine's files: `validate`, `renderWithSample`, `testSnapshot`, … (every method of
 * the service the CLI uses). Call `dispose()` when done, to close the connections a send keeps open.
 */
export function createNodeService(options: NodeServiceOptions = {}): CcmacroService {
  return createCcmacroService({
    fs: nodeFileSystem,
    macroSchema: ajvMacroSchema(),
    ...(options.logger ? { logger: options.logger } : {}),
  });
}

/**
 * A macro file read from disk as the CLI reads it (UTF-8 text of at most 10 MB; a folder, a device or a file that
 * is not UTF-8 text is refused), named by its absolute path: the document the service's methods take. Rejects with an
 * Error that says why the file cannot be used.
 */
export async function readMacroFile(file: string): Promise<MacroDocument> {
  const abs = path.resolve(file);
  const read = await nodeFileSystem.readFile(abs);
  if (!read.ok) throw new Error(`cannot read ${file}: ${read.error.message}`);
  return { path: abs, text: read.value };
}
