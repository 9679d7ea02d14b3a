import * as vscode from 'vscode';
import type { PreviewTab, WebviewToHost } from '../../core/preview/messages';
import { lazy } from '../lazy';
import { macroDocumentFor, NO_MACRO_MESSAGE } from '../macroEditors';
import { PREVIEW_VIEW_TYPE } from '../preview/viewType';
import type { ExtensionServices } from '../services';
import { registerTestHooks } from '../testHooks';

/**
 * The preview panel and the copy commands around it. Registration only: the panel, the renderer and the copy
 * commands load on first use (preview/index.ts, a separate bundle).
 */
export function registerPreview(services: ExtensionServices): vscode.Disposable[] {
  const feature = lazy(async () => (await import('../onFirstUse')).createPreviewFeature(services));
  return [
    vscode.commands.registerCommand('ccmacro.openPreviewToSide', async (arg?: unknown) => {
      const doc = await macroDocumentFor(arg);
      if (!doc) {
        void vscode.window.showInformationMessage(NO_MACRO_MESSAGE);
        return undefined;
      }
      return (await feature()).open(doc);
    }),
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown) => {
        (await feature()).revive(panel, state);
      },
    }),
    vscode.commands.registerCommand('ccmacro.copyAsCurl', async (arg?: unknown) =>
      (await feature()).copyAsCurl(await macroDocumentFor(arg)),
    ),
    vscode.commands.registerCommand(
      'ccmacro.copyForCentercode',
      async (arg?: unknown, part?: unknown, environment?: unknown) =>
        (await feature()).copyForCentercode(await macroDocumentFor(arg), part, environment),
    ),
    {
      dispose: () =>
        void feature().then(
          f => f.dispose(),
          () => undefined,
        ),
    },
    ...registerTestHooks(services.context, {
      previewState: async (action?: {
        selectSample?: string;
        locked?: boolean;
        message?: WebviewToHost;
        tab?: PreviewTab;
      }) => (await feature()).state(action),
      revivePreview: async (state: unknown) => (await feature()).reviveNew(state),
    }),
  ];
}
