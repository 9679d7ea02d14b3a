/**
 * `import()` of an ES module (scripts/*.mjs, the extension's build) from code TypeScript compiles to CommonJS, where a
 * written import() becomes require(), which cannot load one.
 */
export const importModule = new Function('url', 'return import(url)') as (url: string) => Promise<unknown>;
