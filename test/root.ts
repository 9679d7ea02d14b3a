import * as path from 'node:path';

/** The repository root, wherever the compiled test file sits (out/test/… → ../..). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
