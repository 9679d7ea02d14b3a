/**
 * Making new macros, loaded on first use (a separate bundle, dist/lazy/create.js): New Webhook Macro from a
 * template, New Macro from Centercode Body and New Macro from cURL. features/create.ts registers the commands.
 */
export { newMacro, type NewMacroArgs } from './newMacro';
export { newMacroFromCentercode, type NewFromCentercodeArgs } from './newFromCentercode';
export { newMacroFromCurl, type NewFromCurlArgs } from './newFromCurl';
