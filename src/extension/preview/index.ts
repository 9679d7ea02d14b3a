/**
 * The preview panel and the commands around it, loaded on first use (behind an import(): not on the activation path).
 * features/preview.ts registers the commands and the panel serializer at activation.
 */
import * as vscode from 'vscode';
import { isPreviewWebviewState, type PreviewTab, type WebviewToHost } from '../../core/preview/messages';
import type { ExtensionServices } from '../services';
import { copyAsCurl, copyForCentercode } from './copyCommands';
import { previewWebviewOptions } from './html';
import { PreviewPanel } from './previewPanel';

export function createPreviewFeature(services: ExtensionServices) {
  const extensionUri = services.context.extensionUri;
  /** After a window reload: reopen the preview on the macro, sample and lock state the webview saved. */
  const revive = (panel: vscode.WebviewPanel, state: unknown): boolean => {
    if (!isPreviewWebviewState(state)) {
      panel.dispose();
      return false;
    }
    PreviewPanel.revive(services, panel, extensionUri, state);
    return true;
  };
  return {
    open(doc: vscode.TextDocument): string {
      PreviewPanel.createOrShow(services, extensionUri, doc);
      return doc.uri.toString();
    },
    revive,
    copyAsCurl: (doc: vscode.TextDocument | undefined) => copyAsCurl(services, doc),
    copyForCentercode: (doc: vscode.TextDocument | undefined, part?: unknown, environment?: unknown) =>
      copyForCentercode(services, doc, part, environment),
    /** For tests: what the preview last posted and what its DOM shows; also drives the picker and the lock. */
    async state(action?: { selectSample?: string; locked?: boolean; message?: WebviewToHost; tab?: PreviewTab }) {
      const panel = PreviewPanel.active;
      if (!panel) return undefined;
      if (action?.message) await panel.receive(action.message);
      if (action?.tab) panel.showTab(action.tab);
      if (action?.selectSample !== undefined) await panel.selectSample(action.selectSample);
      if (action?.locked !== undefined) await panel.setLocked(action.locked);
      return panel.state();
    },
    /** For tests: what the serializer does after a window reload, on a fresh panel. */
    reviveNew(state: unknown): boolean {
      const panel = vscode.window.createWebviewPanel(
        PreviewPanel.viewType,
        'Preview',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        previewWebviewOptions(extensionUri),
      );
      return revive(panel, state);
    },
    dispose: () => PreviewPanel.active?.dispose(),
  };
}
