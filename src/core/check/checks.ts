import type { NamedCheck } from './types';
import { schemaCheckEntry } from './schema';
import { semanticChecks } from './semantic';
import { tagCheck } from './tags';
import { secretCheck } from './secrets';
import { typedValueCheck } from './typedValues';
import { returnValuesCheck } from './returnValues';
import { targetChecks } from './targetChecks';
import { renderCheck } from './renders';

/**
 * Every family of checks, in the order they run. Each lives in its own module; add one line here.
 * (Type-only import of NamedCheck keeps this free of a runtime cycle with validate.ts.)
 */
export const ALL_CHECKS: NamedCheck[] = [
  schemaCheckEntry,
  ...semanticChecks,
  tagCheck,
  secretCheck,
  typedValueCheck,
  returnValuesCheck,
  ...targetChecks,
  renderCheck,
];
