import * as vscode from 'vscode';
import { isPreviewWebviewState, type WebviewToHost } from '../../core/preview/messages';
import { copyAsCurl, copyForCentercode } from '../preview/copyCommands';
import { previewWebviewOptions } from '../preview/html';
import type { CcmacroService } from '../../core';
import { macroDocumentFor, NO_MACRO_MESSAGE } from '../macroEditors';
import { newMacroFromCentercode } from '../preview/newFromCentercode';
import { PreviewPanel } from '../preview/previewPanel';

/**
 * The preview panel and the copy/paste commands around it. Registration only: the renderer loads
 * when a preview first renders.
 */
export function registerPreview(ctx: vscode.ExtensionContext, core: CcmacroService): vscode.Disposable[] {
  const extensionUri = ctx.extensionUri;
  return [
    vscode.commands.registerCommand('ccmacro.openPreviewToSide', async (arg?: unknown) => {
      const doc = await macroDocumentFor(arg);
      if (!doc) {
        void vscode.window.showInformationMessage(NO_MACRO_MESSAGE);
        return undefined;
      }
      PreviewPanel.createOrShow(core, extensionUri, doc);
      return doc.uri.toString();
    }),
    vscode.window.registerWebviewPanelSerializer(PreviewPanel.viewType, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown) => {
        revivePreview(core, panel, state, extensionUri);
      },
    }),
    vscode.commands.registerCommand('ccmacro.copyAsCurl', (arg?: unknown) => copyAsCurl(core, arg)),
    vscode.commands.registerCommand('ccmacro.copyForCentercode', copyForCentercode),
    vscode.commands.registerCommand('ccmacro.newFromCentercode', newMacroFromCentercode),
    // Internal, for host tests: what the preview last posted and what its DOM shows; also drives the picker and lock.
    vscode.commands.registerCommand(
      'ccmacro._previewState',
      async (action?: { selectSample?: string; locked?: boolean; message?: WebviewToHost }) => {
        const panel = PreviewPanel.active;
        if (!panel) return undefined;
        if (action?.message) await panel.receive(action.message);
        if (action?.selectSample !== undefined) await panel.selectSample(action.selectSample);
        if (action?.locked !== undefined) await panel.setLocked(action.locked);
        return panel.state();
      },
    ),
    // Internal, for host tests: what the serializer does after a window reload, on a fresh panel.
    vscode.commands.registerCommand('ccmacro._revivePreview', (state: unknown) => {
      const panel = vscode.window.createWebviewPanel(
        PreviewPanel.viewType,
        'Preview',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        previewWebviewOptions(extensionUri),
      );
      return revivePreview(core, panel, state, extensionUri);
    }),
    { dispose: () => PreviewPanel.active?.dispose() },
  ];
}

/** After a window reload: reopen the preview on the macro, sample and lock state the webview saved. */
function revivePreview(
  core: CcmacroService,
  panel: vscode.WebviewPanel,
  state: unknown,
  extensionUri: vscode.Uri,
): boolean {
  if (!isPreviewWebviewState(state)) {
    panel.dispose();
    return false;
  }
  PreviewPanel.revive(core, panel, extensionUri, state);
  return true;
}
