import type { KeyValueStore } from '../host';
import { hostAndPortOf as hostOf } from '../common/urlHost';

const KEY = 'ccmacro.knownHosts';

/**
 * The hosts this workspace has already sent to. The first send to a new host asks the user,
 * so a cloned repository cannot quietly send their secrets somewhere else.
 * Loopback hosts never ask: a request to this machine cannot carry a secret off it.
 */
export class KnownHosts {
  constructor(private readonly store: KeyValueStore) {}

  /** The host to confirm ("hooks.slack.com", "example.com:8443"), or undefined when no question is needed. */
  hostNeedingConfirmation(url: string): string | undefined {
    const host = hostOf(url);
    if (host === undefined || isLoopbackHost(host)) return undefined;
    return this.hosts().includes(host) ? undefined : host;
  }

  /** The hosts among `urls` to ask about before sending, each once, in order. */
  hostsNeedingConfirmation(urls: readonly string[]): string[] {
    return [...new Set(urls.map(u => this.hostNeedingConfirmation(u)).filter((h): h is string => !!h))];
  }

  async remember(url: string): Promise<void> {
    const host = hostOf(url);
    if (host === undefined || this.hosts().includes(host)) return;
    await this.store.update(KEY, [...this.hosts(), host]);
  }

  hosts(): string[] {
    const v = this.store.get<string[]>(KEY);
    return Array.isArray(v) ? v : [];
  }

  async forgetAll(): Promise<void> {
    await this.store.update(KEY, []);
  }
}

export function isLoopbackHost(host: string): boolean {
  const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '');
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name) ||
    name === '::1'
  );
}
