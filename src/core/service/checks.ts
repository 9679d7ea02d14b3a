import * as path from 'node:path';
import type { CancellationToken } from '../host';
import { keyNodeOf, nodeAtPath, nodeRange } from '../common/jsonPath';
import type { Problem } from '../common/problem';
import type { OffsetRange } from '../common/text';
import { findLiteralSecretProblems } from '../check/secrets';
import type { ValidateOptions, ValidationResult } from '../check/types';
import { validateMacroText } from '../check/validate';
import { macroDisplayName } from '../macro/model';
import { parseMacro } from '../macro/parse';
import { FIXABLE_CODES, targetFix, type MacroFix } from '../targets';
import { parseCatalogText, projectCatalogCandidates } from '../tags/catalog';
import type { SampleReach } from '../samples/reach';
import type { MacroDocument } from './context';
import type { ServiceState } from './state';

/** What validate takes besides the document. */
export type CheckOptions = Omit<ValidateOptions, 'path'>;

/** A macro's name and where its parts are written, for lists and locations (the Testing view, test reports). */
export interface MacroOutline {
  /** The name Centercode shows (`name`), else the file name. */
  name: string;
  /** The text the offsets are in. */
  text: string;
  /** Where the property at a JSON path (`['request', 'url']`) has its name in the text; undefined when not written. */
  keyOffset(path: readonly string[]): number | undefined;
  /** The value at a JSON path (array items by their index: `['samples', '0']`); undefined when not written. */
  valueRange(path: readonly string[]): OffsetRange | undefined;
}

/** Checking macros and tag catalogs: the problems `ccmacro validate` prints and the editor shows. */
export interface MacroChecks {
  /**
   * Parse and run every check on a macro: the schema too when the host brought a validator (the CLI). Never rejects
   * for bad input (everything wrong is a Problem); rejects with a CancellationError when `token` is cancelled first.
   */
  validate(doc: MacroDocument, options?: CheckOptions, token?: CancellationToken): Promise<ValidationResult>;
  /** A project tag catalog's problems (`catalog/invalid`, ranges into `text`). */
  validateCatalog(text: string): Promise<Problem[]>;
  /** The project tag catalogs (`.ccmacro/tags.json`) a macro at `macroPath` reads, nearest first. */
  projectCatalogs(macroPath: string, reach?: SampleReach): Promise<string[]>;
  /** The macro's `secret/literal` problems, each with the suggested secret name in its data (Move to secret storage). */
  literalSecrets(doc: MacroDocument): Promise<Problem[]>;
  /**
   * A target's quick fix for the first of these problem codes it fixes (Slack's version-1 `"slack": true|false`, …),
   * computed from the current text, with the codes it answers; undefined when no target fixes any of them.
   */
  targetFix(doc: MacroDocument, codes: readonly string[]): Promise<(MacroFix & { code: string }) | undefined>;
  /** The macro's name and where its properties are written. */
  macroOutline(doc: MacroDocument): Promise<MacroOutline>;
}

export function macroChecks(state: ServiceState): MacroChecks {
  return {
    validate: async (doc, options = {}, token) =>
      validateMacroText(
        doc.text,
        { ...options, path: doc.path, root: options.root ?? (await state.rootOf(doc.path)) },
        state.env,
        token,
      ),
    async validateCatalog(text) {
      return parseCatalogText(text).problems.map(p => ({
        code: 'catalog/invalid',
        severity: 'error',
        message: p.message,
        range: { start: p.offset, end: p.offset + p.length },
      }));
    },
    projectCatalogs: async (macroPath, reach) => projectCatalogCandidates(path.dirname(macroPath), reach),
    literalSecrets: async doc => findLiteralSecretProblems(parseMacro(doc.text)),
    async targetFix(doc, codes) {
      const code = codes.find(c => FIXABLE_CODES.has(c));
      const fix = code === undefined ? undefined : targetFix(parseMacro(doc.text), code);
      return fix && code !== undefined ? { ...fix, code } : undefined;
    },
    async macroOutline(doc) {
      const parsed = parseMacro(doc.text);
      return {
        name: macroDisplayName(parsed.macro, doc.path),
        text: parsed.text,
        keyOffset: at => {
          const node = nodeAtPath(parsed.root, [...at]);
          return node ? keyNodeOf(node)?.offset : undefined;
        },
        valueRange: at => {
          const node = nodeAtPath(parsed.root, [...at]);
          return node ? nodeRange(node) : undefined;
        },
      };
    },
  };
}
