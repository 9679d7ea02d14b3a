/** Where the environment files are and the names they reserve (plain constants: the CLI and the editor read them). */
export const ENVIRONMENTS_DIR = '.ccmacro';
export { ENVIRONMENTS_FILE } from '../macro/fileName';
export const ENVIRONMENTS_LOCAL_FILE = '.ccmacro/environments.local.json';
export const SHARED_SECTION = '$shared';
export const CONFIRM_KEY = '$confirm';
