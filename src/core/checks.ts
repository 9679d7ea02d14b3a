import type { NamedCheck } from './validate';
import { schemaCheckEntry } from './macro/schemaCheck';
import { semanticChecks } from './macro/semanticCheck';
import { tagCheck } from './tags/tagCheck';
import { secretCheck } from './send/secretCheck';
import { typedValueCheck } from './render/typedCheck';

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
];
