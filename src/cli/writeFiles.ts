import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { pathRefusal } from '../core/common/tree';
import { fail, ok, type Result } from '../core/common/result';
import { nodePathKind, writeTempFile } from './tree';

export interface NewFile {
  /** Path relative to the output folder. */
  rel: string;
  text: string;
  /** Written over an existing file without --force (its new text was made from the old one: a merge). */
  replaces?: boolean;
}

/**
 * Writes new files into `root` (the output folder the user gave) all together or not at all, under the rule every
 * file ccmacro writes follows (pathRefusal: inside the folder, through no symbolic link, never over a folder or a
 * device), and never over an existing file unless `force`. Every file is checked before any is written; each is
 * written to a temporary file first, and renamed into place only when all are written. `shown` names a path for
 * messages. Returns the written paths (absolute), or every reason nothing was written.
 */
export async function writeNewFiles(
  root: string,
  files: readonly NewFile[],
  options: { force: boolean; shown: (p: string) => string },
): Promise<Result<string[], string[]>> {
  const { shown } = options;
  const rootKind = await nodePathKind(root);
  if (rootKind === 'link')
    return fail([
      `The output folder ${shown(root)} is a symbolic link, and ccmacro never writes through a link (it could lead anywhere on this machine): give the folder it points to`,
    ]);
  if (rootKind !== undefined && rootKind !== 'folder') return fail([`${shown(root)} is not a folder`]);

  const reasons: string[] = [];
  const targets: Array<{ abs: string; text: string }> = [];
  const seen = new Set<string>();
  for (const f of files) {
    const abs = path.resolve(root, f.rel);
    if (seen.has(abs)) {
      reasons.push(`${shown(abs)} would be written twice`);
      continue;
    }
    seen.add(abs);
    const refused = await pathRefusal(root, abs, nodePathKind);
    if (refused?.kind === 'outside') reasons.push(`${shown(abs)} is outside the output folder, so it is not written`);
    else if (refused?.kind === 'link')
      reasons.push(
        refused.at === abs
          ? `${shown(abs)} is a symbolic link, and ccmacro never writes through a link: remove it first`
          : `The folder ${shown(refused.at)} is a symbolic link, and ccmacro never writes through a link, so ${shown(abs)} is not written`,
      );
    else if (refused?.kind === 'not-a-file')
      reasons.push(
        `${shown(abs)} is ${refused.what === 'folder' ? 'a folder' : 'not a regular file'}, so no file can be written there`,
      );
    else if (!options.force && !f.replaces && (await nodePathKind(abs)) === 'file')
      reasons.push(`${shown(abs)} already exists: add --force to write over it`);
    else targets.push({ abs, text: f.text });
  }
  if (reasons.length) return fail(reasons);

  const createdDirs: string[] = [];
  const temps: Array<{ temp: string; abs: string }> = [];
  try {
    if (rootKind === undefined) {
      await fsp.mkdir(root, { recursive: true });
      createdDirs.push(root);
    }
    for (const t of targets) {
      // Each missing folder on the way, one level at a time, never through a link (checked again: things change).
      const parts = path.relative(root, path.dirname(t.abs)).split(path.sep).filter(Boolean);
      let dir = root;
      for (const part of parts) {
        dir = path.join(dir, part);
        const kind = await nodePathKind(dir);
        if (kind === undefined) {
          await fsp.mkdir(dir);
          createdDirs.push(dir);
        } else if (kind !== 'folder')
          throw new Error(`${shown(dir)} is not a folder (${kind === 'link' ? 'a symbolic link' : 'a file'})`);
      }
      temps.push({ temp: await writeTempFile(t.abs, t.text), abs: t.abs });
    }
    for (const t of temps) await fsp.rename(t.temp, t.abs);
  } catch (e) {
    for (const t of temps) await fsp.rm(t.temp, { force: true }).catch(() => undefined);
    for (const d of createdDirs.reverse()) await fsp.rmdir(d).catch(() => undefined);
    return fail([`Nothing was written: ${(e as Error).message}`]);
  }
  return ok(targets.map(t => t.abs));
}
