/**
 * What the extension's features run once they are used, loaded together by the first use of any of them (an
 * `import()` of this module): sending, the preview and the copy commands, creating macros, the Testing view. What
 * activation registers in their place (commands, the serializer, the test controller) is in features/. One module
 * keeps what activation loads to a few files: the build writes a chunk per set of `import()`s that share code.
 */
export { createSendFeature } from './send/index';
export { createPreviewFeature } from './preview/index';
export {
  newMacro,
  newMacroFromCentercode,
  newMacroFromCurl,
  type NewFromCentercodeArgs,
  type NewFromCurlArgs,
  type NewMacroArgs,
} from './create/index';
export { createTestExplorer } from './testing/index';
