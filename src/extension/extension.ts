import type * as vscode from 'vscode';
import { createCcmacroService, type CcmacroService } from '../core';
import { registerSend } from './features/send';
import { registerDiagnostics } from './features/diagnostics';
import { registerNewMacro } from './features/newMacro';
import { registerTags } from './features/tags';
import { registerPreview } from './features/preview';
import { registerCodeLens } from './features/codeLens';
import { ccmacroLogger } from './log';
import { trackMacroEditors } from './macroEditors';
import { workspaceFileSystem } from './workspace';

/**
 * Activation stays cheap: every feature registers providers and commands without awaiting I/O,
 * and heavy modules (HTTP client, renderer) load on first use.
 */
let active: CcmacroService | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const core = (active = createCcmacroService({ fs: workspaceFileSystem, logger: ccmacroLogger }));
  context.subscriptions.push(
    trackMacroEditors(),
    ...registerSend(context, core),
    ...registerDiagnostics(context, core),
    registerNewMacro(context),
    ...registerTags(context, core),
    ...registerPreview(context, core),
    registerCodeLens(context),
  );
}

/** Close the sender's kept-alive connections (loads nothing when nothing was sent). */
export async function deactivate(): Promise<void> {
  await active?.dispose();
  active = undefined;
}
