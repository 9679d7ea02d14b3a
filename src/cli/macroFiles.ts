import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { MACRO_FILE_SUFFIX } from '../core/macro/fileName';
import { fileReadError, fileReadErrorFromCode, namedBytes, type FileReadError } from '../core/common/decode';
import { UsageError } from './io';

export const MACRO_SUFFIX = MACRO_FILE_SUFFIX;

/** Paths as the user typed them relative to the current folder, always with forward slashes. */
export function displayName(file: string, cwd: string): string {
  const rel = path.relative(cwd, file) || path.basename(file);
  return rel.split(path.sep).join('/');
}

/** An entry with a macro's name that ccmacro cannot open by name: reported, never read. */
interface RefusedFile {
  /** The path for people: absolute, with each byte that is not UTF-8 written as `\xE9`. Never a path to open. */
  shown: string;
  error: FileReadError;
}

interface FoundFiles {
  /** Absolute paths, sorted: files, and entries that are not (a dangling or looping link, a pipe) for the command to
   * read and report in its own words. */
  files: string[];
  /** Entries whose names are not UTF-8 (Node cannot name them with a string): each one is reported. */
  refused: RefusedFile[];
}

/**
 * Every file named on the command line, plus every entry ending in one of `suffixes` (default: *.ccmacro.json)
 * below each named folder, skipping node_modules and folders whose name starts with a dot. Nothing with a matching
 * name is left out silently: a symbolic link that leads nowhere or to itself, a link to a folder, a pipe or a device
 * is listed like a file (reading it says what it is), and a name that is not UTF-8 is refused with a reason. Linked
 * folders are not followed (no loops), and the walk keeps its own list of folders (no recursion, however deep).
 */
export async function findMacroFiles(
  targets: string[],
  cwd: string,
  suffixes: readonly string[] = [MACRO_SUFFIX],
): Promise<FoundFiles> {
  const found = new Set<string>();
  const refused: RefusedFile[] = [];
  for (const target of targets) {
    const abs = path.resolve(cwd, target);
    let stat;
    try {
      stat = await fsp.stat(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        // A dangling link named on the command line is there: reading it says where it leads.
        if (await isLink(abs)) found.add(abs);
        else
          throw new UsageError(
            `no such file or folder: ${target}${target.includes('\uFFFD') ? NOT_UTF8_ARGUMENT : ''}`,
          );
        continue;
      }
      found.add(abs); // a symlink loop, no permission, …: the command reports it for this file in its own words
      continue;
    }
    if (stat.isDirectory()) await walk(abs, found, refused, suffixes);
    else found.add(abs);
  }
  return { files: [...found].sort(), refused: refused.sort((a, b) => (a.shown < b.shown ? -1 : 1)) };
}

/** Node reads command-line arguments as UTF-8, so a name that is not arrives with U+FFFD in it and names nothing. */
const NOT_UTF8_ARGUMENT =
  ' (a name that is not UTF-8 text cannot be given on the command line: name its folder, and ccmacro reports the file)';

async function isLink(p: string): Promise<boolean> {
  return fsp.lstat(p).then(
    s => s.isSymbolicLink(),
    () => false,
  );
}

const SEP = Buffer.from(path.sep);

async function walk(root: string, found: Set<string>, refused: RefusedFile[], suffixes: readonly string[]) {
  const ends = suffixes.map(s => Buffer.from(s));
  // Folders are named by their bytes: one whose name is not UTF-8 is still searched, and its macros reported.
  const folders: Buffer[] = [Buffer.from(root)];
  for (let dir = folders.pop(); dir; dir = folders.pop()) {
    let entries;
    try {
      entries = await fsp.readdir(dir, { withFileTypes: true, encoding: 'buffer' });
    } catch (e) {
      // A folder that cannot be listed (no permission, …) is reported at its path, and the walk goes on.
      const error = fileReadErrorFromCode((e as NodeJS.ErrnoException).code);
      refused.push({
        shown: namedBytes(dir).text,
        error: { ...error, message: `it is a folder that cannot be searched for macros: ${error.message}` },
      });
      continue;
    }
    for (const entry of entries) {
      const name = entry.name as unknown as Buffer;
      const full = Buffer.concat([dir, SEP, name]);
      if (entry.isDirectory()) {
        if (name.toString('latin1') === 'node_modules' || name[0] === 0x2e /* . */) continue;
        folders.push(full);
        continue;
      }
      if (!ends.some(x => name.length >= x.length && name.subarray(name.length - x.length).equals(x))) continue;
      const shown = namedBytes(full);
      if (shown.utf8) found.add(shown.text);
      else refused.push({ shown: shown.text, error: fileReadError('name-not-utf8', shown.firstBadByte) });
    }
  }
}
