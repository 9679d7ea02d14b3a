import { firstFreeName, slugify } from '../common/slug';

export const MACRO_FILE_SUFFIX = '.ccmacro.json';
/** Every macro below a folder, as a glob (VS Code's findFiles and file watchers). */
export const MACRO_FILE_GLOB = `**/*${MACRO_FILE_SUFFIX}`;

/**
 * The file name for a new macro called `name` ("Escalate Blocker → Slack!" → "escalate-blocker-slack.ccmacro.json"),
 * numbered "-2", "-3", … when `taken` says the name is used: a new macro never replaces a file.
 */
export function newMacroFileName(name: string, taken: (fileName: string) => Promise<boolean>): Promise<string> {
  return firstFreeName(slugify(name, 'macro'), MACRO_FILE_SUFFIX, taken);
}

/** The committed environments file of a project (issue 18), relative to its root. */
export const ENVIRONMENTS_FILE = '.ccmacro/environments.json';
