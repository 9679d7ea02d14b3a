import * as vscode from 'vscode';
import type { ConvertTagSyntaxArgs } from '../convert/index';
import type { ExtensionServices } from '../services';

const convert = () => import('../convert/index');

/** "ccmacro: Convert Tag Syntax…": the conversion and the project-config edit load on first use. */
export function registerConvert(services: ExtensionServices): vscode.Disposable {
  // From the Explorer's context menu the argument is the folder's Uri.
  return vscode.commands.registerCommand('ccmacro.convertTagSyntax', async (args?: ConvertTagSyntaxArgs | vscode.Uri) =>
    (await convert()).convertTagSyntaxCommand(
      services,
      args instanceof vscode.Uri ? { folder: args } : args && typeof args === 'object' ? args : {},
    ),
  );
}
