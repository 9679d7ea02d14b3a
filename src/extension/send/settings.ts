import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseNoProxy, proxyFromEnv } from '../../core/send/proxy';
import type { ProxySettings, SendOptions } from '../../core/send/types';

export type SettingsResult = { ok: true; options: SendOptions } | { ok: false; message: string };

/**
 * The send options for a macro, from `ccmacro.send.*` and VS Code's proxy settings (`http.proxy`,
 * `http.proxyStrictSSL`, `http.noProxy`; HTTPS_PROXY / NO_PROXY of the extension host when http.proxy is empty).
 */
export async function readSendOptions(scope: vscode.Uri, targetUrl: string): Promise<SettingsResult> {
  const c = vscode.workspace.getConfiguration('ccmacro', scope);
  const options: SendOptions = {
    timeoutMs: positive(c.get<number>('send.timeoutMs')) ?? 10000,
    followRedirects: c.get<boolean>('send.followRedirects') ?? false,
  };
  const connect = positive(c.get<number>('send.connectTimeoutMs'));
  if (connect) options.connectTimeoutMs = connect;
  const maxLog = positive(c.get<number>('send.maxLogBytes'));
  if (maxLog) options.maxLogBytes = maxLog;
  const proxy = proxySettings(scope, targetUrl);
  if (proxy) options.proxy = proxy;
  const caFile = (c.get<string>('send.caFile') ?? '').trim();
  if (caFile) {
    const file = resolveCaPath(caFile, scope);
    try {
      options.ca = await fs.readFile(file, 'utf8');
    } catch (e) {
      const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : 'it could not be read';
      return {
        ok: false,
        message: `The CA file in ccmacro.send.caFile (${file}) cannot be used: ${why}. Fix the setting or clear it.`,
      };
    }
  }
  return { ok: true, options };
}

function positive(n: number | undefined): number | undefined {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;
}

function proxySettings(scope: vscode.Uri, targetUrl: string): ProxySettings | undefined {
  const http = vscode.workspace.getConfiguration('http', scope);
  const url = (http.get<string>('proxy') ?? '').trim();
  const strictSSL = http.get<boolean>('proxyStrictSSL') ?? true;
  if (url) {
    const noProxy = parseNoProxy(http.get<string[]>('noProxy') ?? []);
    return { url: url.includes('://') ? url : `http://${url}`, strictSSL, noProxy };
  }
  const env = proxyFromEnv(process.env, targetUrl);
  return env ? { ...env, strictSSL } : undefined;
}

/** `~/x.pem`, `${workspaceFolder}/x.pem`, a path relative to the workspace folder, or absolute. */
function resolveCaPath(setting: string, scope: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(scope) ?? vscode.workspace.workspaceFolders?.[0];
  const folderPath = folder ? (folder.uri.scheme === 'file' ? folder.uri.fsPath : folder.uri.path) : undefined;
  let p = setting.replace(/^~(?=$|[\\/])/, os.homedir());
  if (folderPath) p = p.replace(/\$\{workspaceFolder\}/g, folderPath);
  return path.isAbsolute(p) || !folderPath ? p : path.join(folderPath, p);
}
