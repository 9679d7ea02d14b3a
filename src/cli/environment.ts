import * as path from 'node:path';
import type { CcmacroService } from '../core';
import type { Environments } from '../core/environments/environments';
import { ENVIRONMENTS_FILE } from '../core/environments/names';
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
 * (or a name and no environments file) is a usage error (exit 2) that lists the environments there are.
 */
export async function chosenEnvironments(
  service: Pick<CcmacroService, 'environments'>,
  file: string,
  name: string | undefined,
  io: CliIO,
): Promise<Environments | undefined> {
  const envs = await service.environments(file);
  if (name === undefined) return envs;
  if (!envs)
    throw new UsageError(
      `there is no environment "${name}": no ${ENVIRONMENTS_FILE} was found in the folder of ${displayName(file, io.cwd)} or above`,
    );
  if (!envs.has(name)) {
    const names = envs.names();
    throw new UsageError(
      `there is no environment "${name}" in ${displayName(path.join(envs.root, ENVIRONMENTS_FILE), io.cwd)}: ${names.length ? `the environments are ${names.join(', ')}` : 'it names no environment'}`,
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
): Promise<void> {
  if (name === undefined) return;
  for (const m of macros) await chosenEnvironments(service, m, name, io);
}
