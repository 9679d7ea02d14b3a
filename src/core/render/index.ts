/**
 * The render API. See types.ts for the contract. In short:
 *
 *   const parsed = parseMacro(text);
 *   const sample = (await loadSampleForMacro(parsed, dir, fs, { sample: 'builtin:hostile' })).item!;
 *   const { request, substitutions, problems, isSlack } = renderMacro(parsed, { sample });
 *   // preview: show maskPlaceholders(request); map output ranges back with substitutions[i].source
 *   // send:    const { request: real, secretValues, missing } = await resolvePlaceholders(request, resolver)
 *   // copy:    toCurl(request) — secrets as "$CCMACRO_SECRET_X" / "$X" references, never values
 *
 * Typed values: in a JSON body, a string that is exactly `((Tag)):number`, `((Tag)):boolean` or `((Tag)):json`
 * is written as a JSON number / true-false / JSON value. Every other tag is inserted into its string, escaped.
 */
export { renderMacro } from './render';
export type { RenderOptions, RenderResult, RenderedRequest, Substitution, SampleItem, SampleValue, PlaceholderSite, ValueType } from './types';
export { parseTypedTag } from './segments';
export { valueText } from './values';
export { isSlackHost, SLACK_LIMITS } from './slack';
export { parseSampleFile, loadSampleForMacro, sampleChoices, BUILTIN_SAMPLES, type LoadedSample, type SampleChoice, type BuiltinSample } from '../samples';
export { EnvSecretResolver, resolvePlaceholders, maskPlaceholders, maskSecretValues, secretEnvName, MASK, type SecretResolver, type ResolvedRequest } from '../secrets';
export { toCurl, shellQuote } from '../curl';
