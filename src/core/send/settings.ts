import * as path from 'node:path';
import { fail, ok, type Result } from '../common/result';
import { parseNoProxy, proxyFromEnv } from './proxy';
import { MAX_TIMEOUT_MS, type ProxySettings, type SendOptions } from './types';

/**
 * The editor's send settings as they are written (`ccmacro.send.*` and VS Code's `http.proxy`, `http.proxyStrictSSL`,
 * `http.noProxy`); the CLI's flags map onto the same fields. Values that are missing or not positive fall back to
 * the sender's defaults.
 */
export interface SendSettings {
  timeoutMs?: number;
  connectTimeoutMs?: number;
  followRedirects?: boolean;
  maxLogBytes?: number;
  /** A PEM file of extra CA certificates: absolute, `~/…`, `${workspaceFolder}/…` or relative to `baseDir`. */
  caFile?: string;
  /** Where the CA file setting came from, for messages ("ccmacro.send.caFile", "--ca"). */
  caFileSource?: string;
  httpProxy?: string;
  proxyStrictSSL?: boolean;
  noProxy?: readonly string[];
}

export interface SendSettingsContext {
  /** The request's URL (NO_PROXY and http.noProxy depend on it). */
  targetUrl: string;
  /** The environment HTTPS_PROXY / HTTP_PROXY / NO_PROXY are read from when no proxy is set. */
  env: Record<string, string | undefined>;
  home: string;
  /** The workspace folder (editor) or the working folder (CLI): relative CA paths resolve against it. */
  baseDir?: string;
  readFile(path: string): Promise<string>;
}

const DEFAULT_SEND_TIMEOUT_MS = 10_000;

/** The send options for one request, or a sentence saying which setting cannot be used and why. */
export async function sendOptionsFromSettings(s: SendSettings, ctx: SendSettingsContext): Promise<Result<SendOptions>> {
  for (const [name, value] of [
    ['ccmacro.send.timeoutMs', s.timeoutMs],
    ['ccmacro.send.connectTimeoutMs', s.connectTimeoutMs],
  ] as const) {
    if (typeof value === 'number' && value > MAX_TIMEOUT_MS)
      return fail(
        `The setting ${name} is ${value.toLocaleString('en-US')} ms, more than the longest timeout Node allows (${MAX_TIMEOUT_MS.toLocaleString('en-US')} ms, about 24 days): set a smaller value.`,
      );
  }
  const options: SendOptions = {
    timeoutMs: positive(s.timeoutMs) ?? DEFAULT_SEND_TIMEOUT_MS,
    followRedirects: s.followRedirects ?? false,
  };
  const connect = positive(s.connectTimeoutMs);
  if (connect) options.connectTimeoutMs = connect;
  const maxLog = positive(s.maxLogBytes);
  if (maxLog) options.maxLogBytes = maxLog;
  const proxy = proxySettings(s, ctx);
  if (proxy) options.proxy = proxy;
  const caSetting = (s.caFile ?? '').trim();
  if (caSetting) {
    const ca = await loadCaFile(resolveCaPath(caSetting, ctx.home, ctx.baseDir), ctx.readFile);
    if (!ca.ok) return fail(`The CA file in ${s.caFileSource ?? 'the settings'} cannot be used: ${ca.error}.`);
    options.ca = ca.value;
  }
  return ok(options);
}

/** VS Code's http.proxy wins; without it the environment's HTTPS_PROXY / HTTP_PROXY / NO_PROXY apply. */
function proxySettings(s: SendSettings, ctx: SendSettingsContext): ProxySettings | undefined {
  const strictSSL = s.proxyStrictSSL ?? true;
  const url = (s.httpProxy ?? '').trim();
  if (url)
    return { url: url.includes('://') ? url : `http://${url}`, strictSSL, noProxy: parseNoProxy(s.noProxy ?? []) };
  const env = proxyFromEnv(ctx.env, ctx.targetUrl);
  return env ? { ...env, strictSSL } : undefined;
}

/** `~/x.pem`, `${workspaceFolder}/x.pem`, a path relative to `baseDir`, or absolute. */
export function resolveCaPath(setting: string, home: string, baseDir?: string): string {
  let p = setting.replace(/^~(?=$|[\\/])/, home);
  if (baseDir) p = p.replace(/\$\{workspaceFolder\}/g, baseDir);
  return path.isAbsolute(p) || !baseDir ? p : path.join(baseDir, p);
}

/** The PEM text of a CA file, or why it cannot be used ("… does not exist", "… is not a PEM certificate"). */
export async function loadCaFile(file: string, readFile: (path: string) => Promise<string>): Promise<Result<string>> {
  let text: string;
  try {
    text = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail(
      `${file} ${code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder' : 'could not be read'}`,
    );
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    return fail(`${file} is not a PEM certificate (it should contain "-----BEGIN CERTIFICATE-----")`);
  }
  return ok(text);
}

function positive(n: number | undefined): number | undefined {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;
}
