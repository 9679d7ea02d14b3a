import type { SecretResolver } from '../host';
import { secretNameProblem, SecretVault, vaultResolver, type VaultResolverOptions } from '../secrets/vault';
import { WebhookLog } from '../send/history';
import { KnownHosts } from '../send/knownHosts';
import type { ServiceContext } from './context';

/**
 * What the editor keeps between sessions through the host's stores, ready at once (the Webhook Log view lists its
 * entries when it opens): the last exchanges, the hosts sent to, the secret vault. A host without stores (the CLI)
 * gets a clear error from these.
 */
export interface Stores {
  /** The last exchanges of this workspace (the Webhook Log). */
  webhookLog(): WebhookLog;
  /** The hosts this workspace has sent to: the first send to another asks first. */
  knownHosts(): KnownHosts;
  /** The secret vault: values in SecretStorage, names listed in the user's state. */
  secretVault(): SecretVault;
  /** `${secret:}` from the vault (asking for unknown ones), `${env:}` from `options.env`. */
  vaultResolver(options: Omit<VaultResolverOptions, 'vault'>): SecretResolver;
  /** Why a name cannot be a secret's name, in plain words; undefined when it can. */
  secretNameProblem(name: string): string | undefined;
}

export function stores(ctx: ServiceContext): Stores {
  let log: WebhookLog | undefined;
  let hosts: KnownHosts | undefined;
  let vault: SecretVault | undefined;
  const secretVault = () => (vault ??= new SecretVault(ctx.stores().secrets, ctx.stores().global));
  return {
    webhookLog: () => (log ??= new WebhookLog(ctx.stores().workspace)),
    knownHosts: () => (hosts ??= new KnownHosts(ctx.stores().workspace)),
    secretVault,
    vaultResolver: options => vaultResolver({ ...options, vault: secretVault() }),
    secretNameProblem,
  };
}
