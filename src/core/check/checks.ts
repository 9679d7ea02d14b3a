import type { NamedCheck } from './types';
import { schemaCheckEntry } from './schema';
import { semanticChecks } from './semantic';
import { tagCheck } from './tags';
import { secretCheck } from './secrets';
import { varCheck } from './environments';
import { typedValueCheck } from './typedValues';
import { returnValuesCheck } from './returnValues';
import { targetChecks } from './targetChecks';
import { renderCheck } from './renders';

/**
 * Every family of checks, in the order they run. Each lives in its own module; add one line here.
 * (Type-only import of NamedCheck keeps this free of a runtime cycle with validate.ts.)
 */
export const ALL_CHECKS: NamedCheck[] = [
  // The editor leaves the schema to VS Code's JSON language server (the contributed schema): its build sets
  // CCMACRO_BUILD=editor (scripts/build.mjs), so the check, ajv and the schema JSON are not in the extension at all.
  ...(process.env.CCMACRO_BUILD === 'editor' ? [] : [schemaCheckEntry]),
  ...semanticChecks,
  tagCheck,
  secretCheck,
  varCheck,
  typedValueCheck,
  returnValuesCheck,
  ...targetChecks,
  renderCheck,
];
