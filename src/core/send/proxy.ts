import type { ProxySettings } from './types';

/**
 * The CLI's proxy from the environment, as curl reads it: HTTPS_PROXY / https_proxy for https URLs,
 * HTTP_PROXY / http_proxy for http, ALL_PROXY as a fallback, NO_PROXY / no_proxy for exceptions.
 * `targetUrl` picks which variable applies; without it HTTPS_PROXY wins.
 */
export function proxyFromEnv(env: NodeJS.ProcessEnv, targetUrl?: string): ProxySettings | undefined {
  const get = (n: string) => env[n] ?? env[n.toLowerCase()];
  const isHttp = targetUrl ? /^http:/i.test(targetUrl) : false;
  const url =
    (isHttp ? get('HTTP_PROXY') : get('HTTPS_PROXY')) || get('ALL_PROXY') || (isHttp ? undefined : get('HTTP_PROXY'));
  if (!url || !url.trim()) return undefined;
  const noProxy = parseNoProxy(get('NO_PROXY') ?? '');
  return { url: url.includes('://') ? url.trim() : `http://${url.trim()}`, noProxy };
}

/** `a.com, .b.com  c:8080` → ['a.com', '.b.com', 'c:8080']. */
export function parseNoProxy(value: string | readonly string[]): string[] {
  const list = typeof value === 'string' ? value.split(/[\s,]+/) : value;
  return list.map(s => s.trim()).filter(Boolean);
}

/**
 * True when `url` must not go through the proxy. Entries: `*` (everything), `example.com` (it and
 * its subdomains), `.example.com` (subdomains and itself), `host:port` (only that port), an IP.
 */
export function bypassesProxy(url: string, noProxy: readonly string[] | undefined): boolean {
  if (!noProxy || noProxy.length === 0) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  const host = u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  for (const raw of noProxy) {
    let entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    let entryPort: string | undefined;
    const m = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(entry);
    if (m) {
      entry = m[1];
      entryPort = m[2];
    }
    entry = entry.replace(/^\[|\]$/g, '').replace(/^\*?\./, '.');
    if (entryPort && entryPort !== port) continue;
    const bare = entry.startsWith('.') ? entry.slice(1) : entry;
    if (host === bare || host.endsWith('.' + bare)) return true;
  }
  return false;
}

/** The proxy to use for this URL, or undefined when none applies. */
export function proxyFor(url: string, proxy: ProxySettings | undefined): ProxySettings | undefined {
  if (!proxy || !proxy.url) return undefined;
  return bypassesProxy(url, proxy.noProxy) ? undefined : proxy;
}
