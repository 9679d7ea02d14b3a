import { fail, ok, type Result } from './result';

/**
 * Reading a macro, sample or tag catalog file: the bytes become text only when they are UTF-8 (what every
 * ccmacro file is), and every other outcome is one plain sentence. The CLI's disk adapter (src/cli/nodeFs.ts)
 * and the editor's (src/extension/workspace.ts) both end here, so they refuse the same files in the same words.
 */

/** Files larger than this are refused before they are read (a macro or sample is kilobytes; /dev/zero is endless). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export type FileReadErrorKind =
  /** The file could not be reached (exit code 2 in the CLI). */
  | 'missing'
  | 'folder'
  | 'not-a-file'
  | 'loop'
  | 'no-access'
  | 'unreadable'
  /** The file was there but is not a UTF-8 text file ccmacro reads (a problem in the file: exit code 1). */
  | 'name-not-utf8'
  /** The file (or where its symbolic links lead) is outside the tree being checked: not read without the user's say-so. */
  | 'outside'
  | 'too-large'
  | 'utf16'
  | 'not-utf8'
  | 'binary';

export interface FileReadError {
  kind: FileReadErrorKind;
  /** What is wrong, as the end of "cannot read FILE: …" (no file name, no trailing period). */
  message: string;
  /** Where the first bad byte is, 1-based, when it is one byte (invalid UTF-8). */
  line?: number;
  column?: number;
}

/** A file's text, or why it cannot be used. */
export type FileRead = Result<string, FileReadError>;

const MESSAGES: Record<
  Exclude<FileReadErrorKind, 'not-utf8' | 'too-large' | 'unreadable' | 'name-not-utf8' | 'outside'>,
  string
> = {
  missing: 'no such file',
  folder: 'it is a folder, not a file',
  'not-a-file': 'it is not a regular file (a device, pipe or socket)',
  loop: 'too many symbolic links (a symbolic link points back to itself)',
  'no-access': 'permission denied',
  utf16: 'it is saved as UTF-16 text; save it as UTF-8',
  binary: 'it holds NUL bytes, so it is not a text file',
};

/** The failure of one kind, in ccmacro's words. `detail`: the size for too-large, the system's code for unreadable. */
export function fileReadError(
  kind: Exclude<FileReadErrorKind, 'not-utf8' | 'outside'>,
  detail?: string | number,
): FileReadError {
  if (kind === 'too-large')
    return {
      kind,
      message: `it is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB${detail !== undefined ? ` (${Number(detail).toLocaleString('en-US')} bytes)` : ''}, far more than a macro or sample file holds`,
    };
  if (kind === 'unreadable') return { kind, message: `it could not be read${detail ? ` (${detail})` : ''}` };
  if (kind === 'name-not-utf8')
    return {
      kind,
      message: `its name is not UTF-8 text${typeof detail === 'number' ? ` (the byte ${hexByte(detail)})` : ''}, and ccmacro opens files by UTF-8 names only; rename it`,
    };
  return { kind, message: MESSAGES[kind] };
}

/**
 * A file outside the tree being checked (`where`: "the repository", "the workspace folder"), by its path or through a
 * symbolic link: not read, so a pull request cannot make ccmacro copy a file of the reviewer's machine into a report.
 */
export function outsideTreeError(where: string): FileReadError {
  return {
    kind: 'outside',
    message: `it is outside ${where} (by its path or where its symbolic links lead), so ccmacro does not read it (a pull request could otherwise copy any file of this machine into a report): if you trust it, run with --allow-outside (in VS Code: the setting ccmacro.samples.allowOutsideWorkspace)`,
  };
}

/** A symbolic link whose target does not exist: missing, in words that say why a file that is listed is not there. */
export function danglingLinkError(): FileReadError {
  return { kind: 'missing', message: 'it is a symbolic link to a file that does not exist' };
}

/** A Node error code (ENOENT, EACCES, ELOOP, …) as a failure; any other code is "could not be read (CODE)". */
export function fileReadErrorFromCode(code: string | undefined): FileReadError {
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return fileReadError('missing');
    case 'EISDIR':
      return fileReadError('folder');
    case 'ELOOP':
      return fileReadError('loop');
    case 'EACCES':
    case 'EPERM':
      return fileReadError('no-access');
    default:
      return fileReadError('unreadable', code);
  }
}

/** True when the file could not be reached at all (the CLI's I/O error, exit code 2), false when its content is wrong. */
export function isAccessFailure(e: FileReadError): boolean {
  return (
    e.kind === 'missing' ||
    e.kind === 'folder' ||
    e.kind === 'not-a-file' ||
    e.kind === 'loop' ||
    e.kind === 'no-access' ||
    e.kind === 'unreadable'
  );
}

/** The problem code for a file that cannot be used ("file/utf16"). */
export function fileReadErrorCode(e: FileReadError): string {
  return `file/${e.kind}`;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A file's bytes as text: UTF-8 (a UTF-8 byte-order mark is dropped, as editors do), or why not: UTF-16 (a BOM, or
 * the NUL bytes every other byte that UTF-16 text without one has), NUL bytes, or bytes that are not UTF-8 (where
 * the first one is). Never a silent U+FFFD.
 */
export function decodeFileBytes(bytes: Uint8Array): FileRead {
  if (bytes.length > MAX_FILE_BYTES) return fail(fileReadError('too-large', bytes.length));
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)))
    return fail(fileReadError('utf16'));
  const nul = bytes.indexOf(0);
  if (nul >= 0) return fail(fileReadError(looksLikeUtf16(bytes) ? 'utf16' : 'binary'));
  try {
    return ok(utf8.decode(bytes));
  } catch {
    return fail(notUtf8(bytes));
  }
}

/**
 * Text without a BOM in UTF-16: whole 16-bit units, mostly ASCII (so one byte of each pair is NUL), and every unit
 * looked at is a character text holds (no NUL, no control character but tab and line breaks). Other bytes with NULs in
 * them (`x\0y`, a binary) are binary, not UTF-16.
 */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  if (bytes.length % 2 !== 0) return false;
  const n = Math.min(bytes.length, 512);
  if (n < 2) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (Math.max(even, odd) < pairs * 0.4 || Math.min(even, odd) > pairs * 0.1) return false;
  const littleEndian = odd > even; // ASCII in UTF-16LE is the character, then NUL
  for (let i = 0; i < n; i += 2) {
    const unit = littleEndian ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1];
    if (unit === 0 || (unit < 0x20 && unit !== 0x09 && unit !== 0x0a && unit !== 0x0d) || unit === 0x7f) return false;
  }
  return true;
}

function notUtf8(bytes: Uint8Array): FileReadError {
  const at = firstInvalidUtf8(bytes);
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // Columns count characters, as editors do: the valid text before the bad byte on its line.
  const column = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, at)).length + 1;
  return {
    kind: 'not-utf8',
    message: `it is not UTF-8 text: the byte ${hexByte(bytes[at])} at line ${line}, column ${column} is not part of a UTF-8 character; save the file as UTF-8`,
    line,
    column,
  };
}

function hexByte(b: number): string {
  return `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;
}

/**
 * A file name's bytes for people: the name itself when it is UTF-8, else its UTF-8 parts with every other byte
 * written as `\xE9` (then `text` names no file: never open it). Node gives names as strings only when they are UTF-8;
 * a folder listed as bytes names every entry.
 */
export function namedBytes(bytes: Uint8Array): { text: string; utf8: boolean; firstBadByte?: number } {
  let at = firstInvalidUtf8(bytes);
  if (at === bytes.length) return { text: utf8.decode(bytes), utf8: true };
  const firstBadByte = bytes[at];
  let text = '';
  let from = 0;
  while (at < bytes.length) {
    text += utf8.decode(bytes.subarray(from, at)) + `\\x${bytes[at].toString(16).toUpperCase().padStart(2, '0')}`;
    from = at + 1;
    const rest = firstInvalidUtf8(bytes.subarray(from));
    at = from + rest;
  }
  return { text: text + utf8.decode(bytes.subarray(from)), utf8: false, firstBadByte };
}

/** Index of the first byte that does not start or continue a well-formed UTF-8 sequence (bytes.length when none). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = b === 0xe0 ? 0xa0 : 0x80;
      if (b === 0xed) max = 0x9f; // no surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = b === 0xf0 ? 0x90 : 0x80;
      if (b === 0xf4) max = 0x8f;
    } else {
      return i;
    }
    const second = bytes[i + 1];
    if (second === undefined || second < min || second > max) return i;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return n;
}

/**
 * The one line the CLI prints for a file it cannot use, in the problem format (at the first bad byte, else 1:1):
 * `file:line:col: error: cannot read this file: … [file/KIND]`.
 */
export function formatFileReadError(file: string, e: FileReadError): string {
  return `${file}:${e.line ?? 1}:${e.column ?? 1}: error: cannot read this file: ${e.message} [${fileReadErrorCode(e)}]`;
}
