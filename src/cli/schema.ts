import Ajv from 'ajv';
import macroSchema from '../../schemas/ccmacro.schema.json';
import type { MacroSchemaValidator, SchemaError } from '../core/host';

/**
 * The CLI's schema validator: ajv over schemas/ccmacro.schema.json, compiled on the first macro it checks. (The
 * editor needs none: VS Code's JSON language server checks the contributed schema.) `strict: false` lets VS Code's
 * keywords (markdownDescription, defaultSnippets, …) through; `allErrors` and `verbose` give the schema check what
 * it needs to word each problem.
 */
export function ajvMacroSchema(): MacroSchemaValidator {
  let compiled: ReturnType<Ajv['compile']> | undefined;
  return {
    async validate(value: unknown): Promise<readonly SchemaError[]> {
      compiled ??= new Ajv({ allErrors: true, strict: false, verbose: true }).compile(macroSchema);
      return compiled(value) ? [] : (compiled.errors ?? []);
    },
  };
}
