import * as vscode from 'vscode';
import type { ConvertTagSyntaxArgs } from '../convert/index';
import type { ExtensionServices } from '../services';

const convert = () => import('../convert/index');

/** "ccmacro: Convert Tag Syntax…": the conversion and the project-config edit load on first use. */
export function registerConvert(services: ExtensionServices): vscode.Disposable {
  return vscode.commands.registerCommand('ccmacro.convertTagSyntax', async (args?: ConvertTagSyntaxArgs) =>
    (await convert()).convertTagSyntaxCommand(services, args && typeof args === 'object' ? args : {}),
  );
}
