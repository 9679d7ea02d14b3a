import type { FileRead } from '../core/common/decode';

/** Exit codes shared by every command. */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

/** A usage or I/O error: printed as one line `ccmacro: message`, exit 2. */
export class UsageError extends Error {}

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** stdout is a terminal that takes colours (a TTY, and NO_COLOR is not set). */
  color?: boolean;
  /** Standard input as text (`ccmacro import curl -`); undefined when it is a terminal or there is none. */
  stdin?: () => Promise<FileRead>;
}

export type CommandHandler = (argv: string[], io: CliIO) => Promise<number>;
