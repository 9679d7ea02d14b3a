/** Where a project's settings live: `.ccmacro/config.json` (see config.ts). */
export const PROJECT_DIR = '.ccmacro';
export const PROJECT_CONFIG_FILE = 'config.json';
