/**
 * Sending test webhooks, loaded on the first send-related command (behind an import(): not on the activation path):
 * the sender with its progress and notifications, bulk send, the local test receiver and the secret commands.
 * Registration and everything shown before the first send live in features/send.ts.
 */
import * as vscode from 'vscode';
import type { WebhookLogEntry } from '../../core/send/history';
import { parseSampleKey } from '../../core/samples/key';
import type { ExtensionServices } from '../services';
import { sendForEachSampleItem } from './bulkSend';
import { moveToSecret } from './moveToSecret';
import { ReceiverHost } from './receiverHost';
import { deleteSecret, listSecretNames, setSecret } from './secretCommands';
import { refuseIfUntrusted } from './trust';
import { WebhookSender, type SenderDeps, type SendTarget } from './webhookSender';
import { pickSampleItem } from './pickSample';

type SendFeatureDeps = Omit<SenderDeps, 'services' | 'receiver'>;
export function createSendFeature(services: ExtensionServices, ui: SendFeatureDeps) {
  const receiver = new ReceiverHost(services.core, services.log);
  const deps: SenderDeps = { ...ui, services, receiver };
  const sender = new WebhookSender(deps);
  return {
    send: (doc: vscode.TextDocument | undefined, target: SendTarget) => sender.sendDocument(doc, { target }),
    sendEachItem: (doc: vscode.TextDocument | undefined) => sendForEachSampleItem(doc, sender, deps, ui.docs),
    /** Asks which sample item, makes it the macro's picked sample (the preview follows), then sends. */
    async sendWithSample(doc: vscode.TextDocument | undefined, key?: unknown) {
      if (!doc) return sender.sendDocument(doc, { target: 'real' });
      // A sample key argument ("<sample id>#<index>") skips the question, for keybindings and tests.
      const picked = typeof key === 'string' ? parseSampleKey(key) : await pickSampleItem(services, doc);
      if (!picked) return { outcome: 'cancelled' as const };
      services.samples.set(doc.uri, picked);
      return sender.sendDocument(doc, { target: 'real' });
    },
    async resend(e: WebhookLogEntry) {
      if (!e.file) return undefined;
      let doc: vscode.TextDocument;
      try {
        doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(e.file));
      } catch {
        void vscode.window.showErrorMessage(`The macro file of "${e.macroName}" is gone, so it cannot be sent again.`);
        return undefined;
      }
      return sender.sendDocument(doc, { target: e.target, sample: e.sampleId, sampleIndex: e.sampleIndex ?? 0 });
    },
    async startReceiver() {
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
          .then(c => c && services.log.show());
        return { url: r.url, port: r.port };
      } catch (e) {
        const inUse = (e as NodeJS.ErrnoException).code === 'EADDRINUSE';
        const message = inUse
          ? `Port ${port} is already in use: choose another in ccmacro.receiver.port, or 0 for any free port.`
          : `The local test receiver could not start: ${(e as Error).message}`;
        void vscode.window.showErrorMessage(message);
        return { error: message };
      }
    },
    async stopReceiver() {
      const stopped = await receiver.stop();
      if (!stopped) void vscode.window.showInformationMessage('The local test receiver is not running.');
      return stopped;
    },
    setSecret: (name?: unknown, value?: unknown) => setSecret(services.core, name, value),
    deleteSecret: (name?: unknown) => deleteSecret(services.core, name),
    listSecretNames: () => listSecretNames(services.core),
    moveToSecret: (uri: vscode.Uri, range: vscode.Range, expected: string, suggested?: string, name?: string) =>
      moveToSecret(services.core, uri, range, expected, suggested, name),
    /** The last exchange log written to the channel (masked). */
    lastLogText: () => sender.lastLogText,
    dispose: () => receiver.dispose(),
  };
}
