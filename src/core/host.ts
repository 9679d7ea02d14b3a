import type { FileRead } from './common/decode';

/**
 * What the core needs from whoever hosts it: the VS Code extension, the CLI or a test. Everything the core
 * reads or keeps outside its own memory goes through these few interfaces, created once and handed to
 * `createCcmacroService` (src/core/index.ts). Test doubles live in test/fakes/.
 */

/**
 * Files. The CLI passes the real disk; the extension passes open editors first (unsaved text counts), then
 * the disk; tests pass an in-memory map. Paths are absolute, as node:path produces them.
 */
export interface FileSystemLike {
  /**
   * The file's text, or why it cannot be used (missing, a folder, a device, unreadable, too large, not UTF-8):
   * adapters decode with decodeFileBytes (src/core/common/decode.ts), so every host refuses the same files.
   * Never throws.
   */
  readFile(path: string): Promise<FileRead>;
  exists(path: string): Promise<boolean>;
}

/** Small JSON values kept between sessions (VS Code's Memento: workspaceState / globalState). */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** An encrypted store of strings (VS Code's SecretStorage). */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

export type PlaceholderKind = 'secret' | 'env';

/**
 * Where `${secret:NAME}` and `${env:NAME}` values come from: the CLI reads the environment
 * (EnvSecretResolver), the extension SecretStorage and the extension host's environment (vaultResolver).
 */
export interface SecretResolver {
  get(kind: PlaceholderKind, name: string): Promise<string | undefined>;
  /** How the user sets it, for messages, e.g. "environment variable CCMACRO_SECRET_SLACK_URL". */
  describe?(kind: PlaceholderKind, name: string): string;
}

/** Where the core says what it did when something is worth a line (slow checks, internal failures). */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const nullLogger: Logger = Object.freeze({ info() {}, warn() {}, error() {} });
