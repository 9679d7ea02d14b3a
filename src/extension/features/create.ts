import * as vscode from 'vscode';
import { SecretVault } from '../../core/secrets/vault';
import type { NewFromCentercodeArgs, NewFromCurlArgs, NewMacroArgs } from '../create/index';

const create = () => import('../create/index');

/**
 * "New Webhook Macro…", "New Macro from Centercode Body…" and "New Macro from cURL…"; the templates and the importers
 * load on first use.
 */
export function registerCreate(context: vscode.ExtensionContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('ccmacro.newMacro', async (arg?: NewMacroArgs | vscode.Uri) =>
      // From the explorer's context menu the argument is the clicked file or folder.
      (await create()).newMacro(arg instanceof vscode.Uri ? { folder: arg } : (arg ?? {})),
    ),
    vscode.commands.registerCommand('ccmacro.newFromCentercode', async (args?: NewFromCentercodeArgs) =>
      (await create()).newMacroFromCentercode(args),
    ),
    vscode.commands.registerCommand('ccmacro.newFromCurl', async (args?: NewFromCurlArgs) =>
      // The same secret storage "Set Secret" and "Move to secret storage" use.
      (await create()).newMacroFromCurl(new SecretVault(context.secrets, context.globalState), args ?? {}),
    ),
  ];
}
