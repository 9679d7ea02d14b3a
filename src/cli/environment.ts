import * as path from 'node:path';
import type { CcmacroService } from '../core';
import type { Environments } from '../core/environments/environments';
import { ENVIRONMENTS_FILE } from '../core/environments/names';
import type { SampleReach } from '../core/samples/reach';
import { UsageError, type CliIO } from './io';
import { displayName } from './macroFiles';

/** `--env NAME`, for node:util parseArgs (validate, render, send, test, diff). */
export const ENV_ARG_OPTIONS = { env: { type: 'string' } } as const;

export const ENV_HELP = `  --env NAME      the environment whose \${var:NAME} values are used (.ccmacro/environments.json and
                  .ccmacro/environments.local.json); default: the CCMACRO_ENV environment variable`;

/** The environment asked for: `--env`, else CCMACRO_ENV; undefined when neither is set (or set empty). */
export function environmentOption(value: string | undefined, io: CliIO): string | undefined {
  const name = value ?? io.env.CCMACRO_ENV;
  return name === undefined || name === '' ? undefined : name;
}

/**
 * The environments of the project the macro at `file` is in, checked against the name asked for: an unknown name
 * (or a name and no environments file) is a usage error (exit 2) that lists the environments there are. The files are
 * looked for in the macro's tree only (`reach`: no folder above it, no file leading out of it without --allow-outside).
 */
export async function chosenEnvironments(
  service: Pick<CcmacroService, 'environments'>,
  file: string,
  name: string | undefined,
  io: CliIO,
  reach: SampleReach,
): Promise<Environments | undefined> {
  const envs = await service.environments(file, reach);
  if (name === undefined) return envs;
  if (!envs)
    throw new UsageError(
      `there is no environment "${name}": no ${ENVIRONMENTS_FILE} was found in the folder of ${displayName(file, io.cwd)} or above it, inside ${reach.tree.name}`,
    );
  if (!envs.has(name)) {
    const names = envs.names();
    // A file that could not be read (outside the tree, a pipe, too large) says why, rather than "names no environment".
    const unread = envs
      .files()
      .flatMap(f =>
        f.parsed.problems
          .filter(p => p.code === 'environments/unreadable' || p.code === 'file/outside')
          .map(p => `; ${displayName(f.path, io.cwd)}: ${p.message}`),
      );
    throw new UsageError(
      `there is no environment "${name}" in ${displayName(path.join(envs.root, ENVIRONMENTS_FILE), io.cwd)}: ${names.length ? `the environments are ${names.join(', ')}` : 'it names no environment'}${unread.join('')}`,
    );
  }
  return envs;
}

/**
 * `--env` on `test` and `diff`: snapshots keep each \${var:NAME} by name, so the environment changes nothing in them;
 * the name is still checked against every macro's environments (a usage error when one does not have it), so one CI
 * script can pass the same --env to every command.
 */
export async function checkEnvironmentName(
  service: Pick<CcmacroService, 'environments'>,
  macros: readonly string[],
  name: string | undefined,
  io: CliIO,
  reachOf: (macro: string) => Promise<SampleReach>,
): Promise<void> {
  if (name === undefined) return;
  for (const m of macros) await chosenEnvironments(service, m, name, io, await reachOf(m));
}
