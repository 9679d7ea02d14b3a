import * as vscode from 'vscode';
import { KnownHosts } from '../../core/send/knownHosts';
import { WebhookLog, type WebhookLogEntry } from '../../core/send/history';
import type { CcmacroService } from '../../core';
import { ccmacroLog, disposeCcmacroLog } from '../log';
import { macroDocumentFor } from '../macroEditors';
import { sendForEachSampleItem } from '../send/bulkSend';
import { LOG_SCHEME, WebhookLogDocuments, WebhookLogTree } from '../send/historyView';
import { registerMoveToSecret } from '../send/moveToSecret';
import { ReceiverHost } from '../send/receiverHost';
import { createVault, registerSecretCommands } from '../send/secretCommands';
import { SendResultStatus } from '../send/statusBar';
import { refuseIfUntrusted } from '../send/trust';
import { WebhookSender, type SenderDeps, type SendTarget } from '../send/webhookSender';

/**
 * Sending test webhooks: the send commands, secrets and their quick fix, the Webhook Log history view,
 * bulk send and the local test receiver. Nothing heavy loads here: undici, the renderer and the
 * receiver are imported on first use.
 */
export function registerSend(ctx: vscode.ExtensionContext, core: CcmacroService): vscode.Disposable[] {
  const vault = createVault(ctx);
  const history = new WebhookLog(ctx.workspaceState);
  const historyChanged = new vscode.EventEmitter<void>();
  const status = new SendResultStatus();
  const receiver = new ReceiverHost();
  const deps: SenderDeps = {
    core,
    vault,
    history,
    knownHosts: new KnownHosts(ctx.workspaceState),
    status,
    receiver,
    historyChanged,
    receiverPort: () => vscode.workspace.getConfiguration('ccmacro').get<number>('receiver.port') ?? 0,
  };
  const sender = new WebhookSender(deps);
  const docs = new WebhookLogDocuments(history);
  // The Webhook Log view appears in the Explorer once ccmacro is in use (activation = a macro was opened).
  void vscode.commands.executeCommand('setContext', 'ccmacro.webhookLog.enabled', true);
  const treeData = new WebhookLogTree(history, historyChanged.event);
  const tree = vscode.window.createTreeView('ccmacro.history', { treeDataProvider: treeData });

  const send = (target: SendTarget) => async (arg?: unknown) =>
    sender.sendDocument(await macroDocumentFor(arg), { target });
  const entryFrom = (arg: unknown): WebhookLogEntry | undefined => {
    if (typeof arg === 'string') return history.get(arg);
    if (arg && typeof arg === 'object' && 'id' in arg) return history.get(String((arg as { id: unknown }).id));
    return tree.selection[0];
  };

  return [
    historyChanged,
    status,
    receiver,
    tree,
    disposeCcmacroLog(),
    ...registerSecretCommands(vault),
    ...registerMoveToSecret(vault),
    vscode.workspace.registerTextDocumentContentProvider(LOG_SCHEME, docs),
    vscode.commands.registerCommand('ccmacro.sendTestWebhook', send('real')),
    vscode.commands.registerCommand('ccmacro.sendToReceiver', send('receiver')),
    vscode.commands.registerCommand('ccmacro.sendTestWebhookForEachSampleItem', async (arg?: unknown) =>
      sendForEachSampleItem(await macroDocumentFor(arg), sender, deps, docs),
    ),
    vscode.commands.registerCommand('ccmacro.startReceiver', async () => {
      const refused = refuseIfUntrusted();
      if (refused) return refused;
      const port = deps.receiverPort();
      try {
        const r = await receiver.start(port);
        void vscode.window
          .showInformationMessage(
            `ccmacro's local test receiver is listening on ${r.url}. Requests that arrive are shown in the ccmacro log.`,
            'Open Log',
          )
          .then(c => c && ccmacroLog().show());
        return { url: r.url, port: r.port };
      } catch (e) {
        const inUse = (e as NodeJS.ErrnoException).code === 'EADDRINUSE';
        const message = inUse
          ? `Port ${port} is already in use: choose another in ccmacro.receiver.port, or 0 for any free port.`
          : `The local test receiver could not start: ${(e as Error).message}`;
        void vscode.window.showErrorMessage(message);
        return { error: message };
      }
    }),
    vscode.commands.registerCommand('ccmacro.stopReceiver', async () => {
      const stopped = await receiver.stop();
      if (!stopped) void vscode.window.showInformationMessage('The local test receiver is not running.');
      return stopped;
    }),
    vscode.commands.registerCommand('ccmacro.webhookLog.open', async (arg?: unknown) => {
      const e = entryFrom(arg);
      if (!e) return undefined;
      const doc = await vscode.workspace.openTextDocument(WebhookLogDocuments.uriFor(e));
      await vscode.window.showTextDocument(doc, { preview: true });
      return doc.uri.toString();
    }),
    vscode.commands.registerCommand('ccmacro.webhookLog.resend', async (arg?: unknown) => {
      const e = entryFrom(arg);
      if (!e?.file) return undefined;
      let doc: vscode.TextDocument;
      try {
        doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(e.file));
      } catch {
        void vscode.window.showErrorMessage(`The macro file of "${e.macroName}" is gone, so it cannot be sent again.`);
        return undefined;
      }
      return sender.sendDocument(doc, { target: e.target, sample: e.sampleId, sampleIndex: e.sampleIndex ?? 0 });
    }),
    vscode.commands.registerCommand('ccmacro.webhookLog.clear', async () => {
      await history.clear();
      historyChanged.fire();
    }),
    vscode.commands.registerCommand('ccmacro.send.showLog', () => ccmacroLog().show()),
    // For the host tests (not in the command palette): what the last send wrote, and the history.
    vscode.commands.registerCommand('ccmacro.internal.lastSendLog', () => sender.lastLogText),
    vscode.commands.registerCommand('ccmacro.internal.webhookLogEntries', () => history.entries()),
    vscode.commands.registerCommand('ccmacro.internal.sendStatusText', () => status.text),
    vscode.commands.registerCommand('ccmacro.internal.webhookLogViewServed', () =>
      tree.visible ? treeData.servedCount : -1,
    ),
  ];
}
