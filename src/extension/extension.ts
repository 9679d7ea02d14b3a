import * as vscode from 'vscode';
import { registerSend } from './features/send';
import { registerDiagnostics } from './features/diagnostics';
import { registerNewMacro } from './features/newMacro';
import { registerTags } from './features/tags';
import { registerPreview } from './features/preview';
import { registerCodeLens } from './features/codeLens';

/**
 * Activation stays cheap: every feature registers providers and commands without awaiting I/O,
 * and heavy modules (HTTP client, renderer) load on first use.
 */
export function activate(context: vscode.ExtensionContext): void {
  const features: Array<(ctx: vscode.ExtensionContext) => vscode.Disposable | vscode.Disposable[]> = [
    registerSend,
    registerDiagnostics,
    registerNewMacro,
    registerTags,
    registerPreview,
    registerCodeLens,
  ];
  for (const register of features) {
    const d = register(context);
    context.subscriptions.push(...(Array.isArray(d) ? d : [d]));
  }
}

/** Close the sender's kept-alive connections (a no-op that loads nothing when nothing was sent). */
export async function deactivate(): Promise<void> {
  const { closeSendConnections } = await import('../core/send/send');
  await closeSendConnections();
}
