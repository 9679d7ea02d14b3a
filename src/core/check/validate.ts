import * as path from 'node:path';
import type { FileSystemLike } from '../fs';
import { parseMacro, type ParsedMacro } from '../macro/parse';
import { sortProblems, type Problem } from '../common/problem';
import { LineIndex } from '../common/text';
import { ALL_CHECKS } from './checks';

export interface ValidateOptions {
  /** Absolute path of the macro file (relative sample paths resolve against its folder). */
  path: string;
  fs: FileSystemLike;
  /**
   * Run the JSON-schema check. The CLI does; the editor does not, because VS Code's JSON
   * language server already reports schema problems from the contributed schema.
   */
  schema?: boolean;
  /** Use the built-in tag catalog (setting `ccmacro.tags.useBuiltinCatalog`). Default true. */
  builtinCatalog?: boolean;
}

export interface CheckContext {
  readonly parsed: ParsedMacro;
  readonly options: ValidateOptions;
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

/** Parse and check one macro's text. Never throws for bad input: everything wrong is a Problem. */
export async function validateMacroText(text: string, options: ValidateOptions): Promise<ValidationResult> {
  const parsed = parseMacro(text);
  const lines = new LineIndex(parsed.text);
  const problems: Problem[] = [...parsed.syntaxProblems];
  if (parsed.root) {
    const ctx: CheckContext = { parsed, options, dir: path.dirname(options.path), lines };
    for (const c of ALL_CHECKS) {
      if (c.when && !c.when(options)) continue;
      try {
        problems.push(...(await c.run(ctx)));
      } catch (e) {
        problems.push({
          code: 'internal',
          severity: 'warning',
          message: `ccmacro could not run its "${c.name}" check: ${e instanceof Error ? e.message : String(e)}. Please report this.`,
          range: { start: 0, end: 0 },
        });
      }
    }
  }
  return { parsed, problems: sortProblems(problems), lines };
}
