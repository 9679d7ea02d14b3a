import type { KeyValueStore, PlaceholderKind, SecretResolver, SecretStore } from '../host';

const SECRET_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
const KEY_PREFIX = 'ccmacro.secret.';
const NAME_INDEX_KEY = 'ccmacro.secretNames';

function isValidSecretName(name: string): boolean {
  return SECRET_NAME_PATTERN.test(name);
}

/** Why a name cannot be used, in plain words, or undefined when it can. */
export function secretNameProblem(name: string): string | undefined {
  if (!name) return 'Type a name, e.g. SLACK_WEBHOOK_URL';
  if (isValidSecretName(name)) return undefined;
  return 'A secret name uses letters, digits and _ only, and does not start with a digit (e.g. SLACK_WEBHOOK_URL)';
}

/**
 * Named secrets kept in a secret store under `ccmacro.secret.<NAME>`. Secret stores cannot list
 * their keys, so the names (never the values) are also kept in a plain index.
 */
export class SecretVault {
  constructor(
    private readonly secrets: SecretStore,
    private readonly index: KeyValueStore,
  ) {}

  /**
   * A secret's value; with an environment, the value stored for that environment only (`ccmacro.secret.<ENV>/<NAME>`,
   * listed as `ENV/NAME`), which `vaultResolver` reads before the shared one.
   */
  async get(name: string, environment?: string): Promise<string | undefined> {
    return this.secrets.get(KEY_PREFIX + vaultKey(name, environment));
  }

  async set(name: string, value: string, environment?: string): Promise<void> {
    if (!isValidSecretName(name)) throw new Error(secretNameProblem(name));
    const key = vaultKey(name, environment);
    await this.secrets.store(KEY_PREFIX + key, value);
    const names = this.names();
    if (!names.includes(key)) await this.index.update(NAME_INDEX_KEY, [...names, key].sort());
  }

  async delete(name: string, environment?: string): Promise<void> {
    const key = vaultKey(name, environment);
    await this.secrets.delete(KEY_PREFIX + key);
    await this.index.update(
      NAME_INDEX_KEY,
      this.names().filter(n => n !== key),
    );
  }

  /** Names of stored secrets, sorted. */
  names(): string[] {
    const v = this.index.get<string[]>(NAME_INDEX_KEY);
    return Array.isArray(v) ? v.filter(n => typeof n === 'string') : [];
  }
}

/** The vault's key of a secret: NAME, or ENV/NAME for an environment's own value. */
function vaultKey(name: string, environment: string | undefined): string {
  return environment === undefined ? name : `${environment}/${name}`;
}

export interface VaultResolverOptions {
  vault: SecretVault;
  /** The active environment: its own value of a secret (ENV/NAME) is read before the shared one (NAME). */
  environment?: string;
  /** `${env:NAME}` reads this (the extension host's process.env). */
  env: Record<string, string | undefined>;
  /** Asked once per unknown secret; a value returned is stored. Undefined = the user cancelled. */
  askForSecret?: (name: string) => Promise<string | undefined>;
  /**
   * Used for a value that is neither stored nor given (sends to the local test receiver use a stand-in,
   * so nobody needs a real Slack URL or token to try a macro there).
   */
  fallback?: (kind: PlaceholderKind, name: string) => string;
}

/** Resolves `${secret:NAME}` from the vault (asking for unknown ones) and `${env:NAME}` from the environment. */
export function vaultResolver(options: VaultResolverOptions): SecretResolver {
  const asked = new Map<string, Promise<string | undefined>>();
  const lookup = async (kind: PlaceholderKind, name: string): Promise<string | undefined> => {
    if (kind === 'env') return options.env[name];
    if (options.environment !== undefined) {
      const own = await options.vault.get(name, options.environment);
      if (own !== undefined) return own;
    }
    const stored = await options.vault.get(name);
    if (stored !== undefined) return stored;
    if (!options.askForSecret) return undefined;
    let pending = asked.get(name);
    if (!pending) {
      pending = options.askForSecret(name).then(async value => {
        if (value !== undefined && value !== '') {
          await options.vault.set(name, value);
          return value;
        }
        return undefined;
      });
      asked.set(name, pending);
    }
    return pending;
  };
  return {
    async get(kind, name) {
      const value = await lookup(kind, name);
      return value === undefined && options.fallback ? options.fallback(kind, name) : value;
    },
  };
}
