/**
 * The npm package's one CommonJS file (dist/cli.js): the `ccmacro` command's entry, which bin/ccmacro.js calls, and
 * the API for Node scripts (src/cli/api.ts, docs/api.md). The commands stay behind import()s, so requiring the
 * package for its API runs none of them.
 */
export { main } from './main';
export * from './api';
