import type { FileRead } from './common/decode';

/**
 * What the core needs from whoever hosts it: the VS Code extension, the CLI or a test. Everything the core
 * reads or keeps outside its own memory goes through these few interfaces, handed once to `createCcmacroService`
 * (src/core/index.ts). Test doubles live in test/fakes/.
 *
 * Files are named by absolute paths. The CLI's are the disk's; the extension maps each URI to one path and back
 * (src/core/common/uriPath.ts), so a path names one file on one file system in any window (multi-root, remote,
 * virtual).
 */
export interface CcmacroHost {
  fs: FileSystemLike;
  logger?: Logger;
  /**
   * The JSON-schema check of a macro, for a host that wants ccmacro to run it: the CLI brings one (ajv,
   * src/cli/schema.ts). The editor brings none: VS Code's JSON language server checks the contributed schema as
   * the user types, so `validate` there leaves the schema out.
   */
  macroSchema?: MacroSchemaValidator;
  /** What the host keeps between sessions (the editor): the Webhook Log, the hosts sent to, the secret vault. */
  stores?: HostStores;
}

/**
 * Files. The CLI passes the real disk; the extension passes open editors first (unsaved text counts), then
 * the disk; tests pass an in-memory map.
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

/** The editor's stores: per workspace (history, known hosts) and per user (secret names), and SecretStorage. */
export interface HostStores {
  workspace: KeyValueStore;
  global: KeyValueStore;
  secrets: SecretStore;
}

export type PlaceholderKind = 'secret' | 'env';

/**
 * Where `${secret:NAME}` and `${env:NAME}` values come from: the CLI reads the environment
 * (`envSecretResolver`), the extension SecretStorage and the extension host's environment (`vaultResolver`).
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

/**
 * What a JSON-schema validator reports for one failure, as ajv reports it with `allErrors` and `verbose` (the fields
 * the schema check reads to word and place a problem).
 */
export interface SchemaError {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, unknown>;
  propertyName?: string;
  message?: string;
  data?: unknown;
  parentSchema?: object;
}

/** Checks a macro's JSON value against schemas/ccmacro.schema.json: every failure, none when it fits. */
export interface MacroSchemaValidator {
  validate(value: unknown): Promise<readonly SchemaError[]>;
}

/**
 * Says when work is no longer wanted (the user typed again, the preview moved on, a send was cancelled). VS Code's
 * CancellationToken fits as it is; `cancellationOf(signal)` makes one from an AbortSignal.
 */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => unknown): { dispose(): unknown };
}

/**
 * What a service method that takes a token rejects with when the token is cancelled before the work is done: a
 * cancelled method never returns a partial result.
 */
export class CancellationError extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'CancellationError';
  }
}

export function isCancellationError(e: unknown): e is CancellationError {
  return e instanceof CancellationError;
}

/** A token from an AbortSignal (the CLI, tests). */
export function cancellationOf(signal: AbortSignal): CancellationToken {
  return {
    get isCancellationRequested() {
      return signal.aborted;
    },
    onCancellationRequested(listener) {
      signal.addEventListener('abort', listener, { once: true });
      return { dispose: () => signal.removeEventListener('abort', listener) };
    },
  };
}
