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

  async get(name: string): Promise<string | undefined> {
    return this.secrets.get(KEY_PREFIX + name);
  }

  async set(name: string, value: string): Promise<void> {
    if (!isValidSecretName(name)) throw new Error(secretNameProblem(name));
    await this.secrets.store(KEY_PREFIX + name, value);
    const names = this.names();
    if (!names.includes(name)) await this.index.update(NAME_INDEX_KEY, [...names, name].sort());
  }

  async delete(name: string): Promise<void> {
    await this.secrets.delete(KEY_PREFIX + name);
    await this.index.update(
      NAME_INDEX_KEY,
      this.names().filter(n => n !== name),
    );
  }

  /** Names of stored secrets, sorted. */
  names(): string[] {
    const v = this.index.get<string[]>(NAME_INDEX_KEY);
    return Array.isArray(v) ? v.filter(n => typeof n === 'string') : [];
  }
}

export interface VaultResolverOptions {
  vault: SecretVault;
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
