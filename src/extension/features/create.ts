import * as vscode from 'vscode';
import type { NewFromCentercodeArgs, NewFromCurlArgs, NewMacroArgs } from '../create/index';
import type { ExtensionServices } from '../services';

const create = () => import('../onFirstUse');

/**
 * "New Webhook Macro…", "New Macro from Centercode Body…" and "New Macro from cURL…"; the templates and the importers
 * load on first use.
 */
export function registerCreate(services: ExtensionServices): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('ccmacro.newMacro', async (arg?: NewMacroArgs | vscode.Uri) =>
      // From the explorer's context menu the argument is the clicked file or folder.
      (await create()).newMacro(services.core, arg instanceof vscode.Uri ? { folder: arg } : (arg ?? {})),
    ),
    vscode.commands.registerCommand('ccmacro.newFromCentercode', async (args?: NewFromCentercodeArgs) =>
      (await create()).newMacroFromCentercode(services.core, args),
    ),
    vscode.commands.registerCommand('ccmacro.newFromCurl', async (args?: NewFromCurlArgs) =>
      // The same secret storage "Set Secret" and "Move to secret storage" use.
      (await create()).newMacroFromCurl(services.core, args ?? {}),
    ),
  ];
}
