/**
 * Making new macros, loaded on first use: New Webhook Macro from a template, and New Macro from Centercode Body.
 * features/create.ts registers the commands.
 */
export { newMacro, type NewMacroArgs } from './newMacro';
export { newMacroFromCentercode, type NewFromCentercodeArgs } from './newFromCentercode';
