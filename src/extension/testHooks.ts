import * as vscode from 'vscode';

/**
 * Commands the real-host tests call to see inside the extension (`ccmacro.test.<name>`): registered only when the
 * extension runs under test or in an Extension Development Host, never for users.
 */
export function registerTestHooks(
  context: vscode.ExtensionContext,
  hooks: Record<string, (...args: never[]) => unknown>,
): vscode.Disposable[] {
  if (context.extensionMode === vscode.ExtensionMode.Production) return [];
  return Object.entries(hooks).map(([name, hook]) =>
    vscode.commands.registerCommand(`ccmacro.test.${name}`, hook as (...args: unknown[]) => unknown),
  );
}
