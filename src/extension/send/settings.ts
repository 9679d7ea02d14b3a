import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { CcmacroService } from '../../core';
import type { Result } from '../../core/common/result';
import type { SendOptions } from '../../core/send/types';
import { corePath } from '../workspace';

/** The send options for a macro: `ccmacro.send.*` and VS Code's proxy settings, read for the macro's folder. */
export function readSendOptions(
  core: CcmacroService,
  scope: vscode.Uri,
  targetUrl: string,
): Promise<Result<SendOptions>> {
  const c = vscode.workspace.getConfiguration('ccmacro', scope);
  const http = vscode.workspace.getConfiguration('http', scope);
  const folder = vscode.workspace.getWorkspaceFolder(scope) ?? vscode.workspace.workspaceFolders?.[0];
  return core.sendOptions(
    {
      timeoutMs: c.get<number>('send.timeoutMs'),
      connectTimeoutMs: c.get<number>('send.connectTimeoutMs'),
      followRedirects: c.get<boolean>('send.followRedirects'),
      maxLogBytes: c.get<number>('send.maxLogBytes'),
      caFile: c.get<string>('send.caFile'),
      caFileSource: 'ccmacro.send.caFile',
      httpProxy: http.get<string>('proxy'),
      proxyStrictSSL: http.get<boolean>('proxyStrictSSL'),
      noProxy: http.get<string[]>('noProxy'),
    },
    {
      targetUrl,
      env: process.env,
      home: os.homedir(),
      baseDir: folder ? corePath(folder.uri) : undefined,
      readFile: p => fs.readFile(p, 'utf8'),
    },
  );
}
