import * as vscode from 'vscode';
import type { CcmacroService } from '../../core';
import type { WebhookLogEntry } from '../../core/send/history';
import { lazy } from '../lazy';
import { macroDocumentFor } from '../macroEditors';
import type { ExtensionServices } from '../services';
import { LOG_SCHEME, WebhookLogDocuments, WebhookLogTree } from '../send/historyView';
import { SendResultStatus } from '../send/statusBar';
import { askEnvironmentWithModal, askWithModal } from '../send/trust';
import { registerTestHooks } from '../testHooks';
import { macroDocument } from '../workspace';
import { diagnosticCode } from './diagnostics';

/**
 * Sending test webhooks: commands, the Webhook Log view, the "Move to secret storage" quick fix and the status bar.
 * What is registered here is cheap; the sender, bulk send, the receiver and the secret prompts load on the first
 * command that needs them (send/index.ts, a separate bundle), and undici on the first send.
 */
export function registerSend(services: ExtensionServices): vscode.Disposable[] {
  const { context, core } = services;
  const history = core.webhookLog();
  const historyChanged = new vscode.EventEmitter<void>();
  const status = new SendResultStatus();
  const docs = new WebhookLogDocuments(history);
  const treeData = new WebhookLogTree(history, historyChanged.event);
  const tree = vscode.window.createTreeView('ccmacro.history', { treeDataProvider: treeData });
  // The Webhook Log view appears in the Explorer once ccmacro is in use (activation = a macro was opened).
  void vscode.commands.executeCommand('setContext', 'ccmacro.webhookLog.enabled', true);

  // Host tests answer the new-host question themselves (ccmacro.test.answerNewHosts); users always see the dialog.
  let testAnswer: 'send' | 'decline' | undefined;
  // And the $confirm question (ccmacro.test.answerEnvironmentConfirm), recording each question asked.
  let environmentAnswer: 'send' | 'decline' | undefined;
  const environmentQuestions: Array<{ environment: string; host: string }> = [];
  const feature = lazy(async () => {
    const { createSendFeature } = await import('../onFirstUse');
    return createSendFeature(services, {
      status,
      historyChanged,
      docs,
      receiverPort: () => vscode.workspace.getConfiguration('ccmacro').get<number>('receiver.port') ?? 0,
      askToSendTo: host => (testAnswer ? Promise.resolve(testAnswer === 'send') : askWithModal(host)),
      askToSendToEnvironment: (environment, host) => {
        if (!environmentAnswer) return askEnvironmentWithModal(environment, host);
        // The host tests read what the dialog would have said.
        environmentQuestions.push({ environment, host });
        return Promise.resolve(environmentAnswer === 'send');
      },
    });
  });
  const withMacro =
    (run: (doc: vscode.TextDocument | undefined) => Promise<unknown>) =>
    async (arg?: unknown): Promise<unknown> =>
      run(await macroDocumentFor(arg));
  const entryFrom = (arg: unknown): WebhookLogEntry | undefined => {
    if (typeof arg === 'string') return history.get(arg);
    if (arg && typeof arg === 'object' && 'id' in arg) return history.get(String((arg as { id: unknown }).id));
    return tree.selection[0];
  };
  const command = (id: string, run: (...args: never[]) => unknown) =>
    vscode.commands.registerCommand(id, run as (...args: unknown[]) => unknown);

  return [
    historyChanged,
    status,
    tree,
    {
      dispose: () =>
        void feature().then(
          f => f.dispose(),
          () => undefined,
        ),
    },
    vscode.languages.registerCodeActionsProvider({ language: 'ccmacro' }, new MoveToSecretActions(core), {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
    }),
    vscode.workspace.registerTextDocumentContentProvider(LOG_SCHEME, docs),
    command(
      'ccmacro.sendTestWebhook',
      withMacro(async doc => (await feature()).send(doc, 'real')),
    ),
    command(
      'ccmacro.sendToReceiver',
      withMacro(async doc => (await feature()).send(doc, 'receiver')),
    ),
    command('ccmacro.sendTestWebhookWithSample', async (arg?: unknown, key?: unknown) =>
      (await feature()).sendWithSample(await macroDocumentFor(arg), key),
    ),
    command(
      'ccmacro.sendTestWebhookForEachSampleItem',
      withMacro(async doc => (await feature()).sendEachItem(doc)),
    ),
    command('ccmacro.startReceiver', async () => (await feature()).startReceiver()),
    command('ccmacro.stopReceiver', async () => (await feature()).stopReceiver()),
    command('ccmacro.setSecret', async (name?: unknown, value?: unknown) => (await feature()).setSecret(name, value)),
    command('ccmacro.deleteSecret', async (name?: unknown) => (await feature()).deleteSecret(name)),
    command('ccmacro.listSecretNames', async () => (await feature()).listSecretNames()),
    command(
      MOVE_TO_SECRET,
      async (uri: vscode.Uri, range: vscode.Range, expected: string, suggested?: string, name?: string) =>
        (await feature()).moveToSecret(uri, range, expected, suggested, name),
    ),
    command('ccmacro.webhookLog.open', async (arg?: unknown) => {
      const e = entryFrom(arg);
      if (!e) return undefined;
      const doc = await vscode.workspace.openTextDocument(WebhookLogDocuments.uriFor(e));
      await vscode.window.showTextDocument(doc, { preview: true });
      return doc.uri.toString();
    }),
    command('ccmacro.webhookLog.resend', async (arg?: unknown) => {
      const e = entryFrom(arg);
      return e ? (await feature()).resend(e) : undefined;
    }),
    command('ccmacro.webhookLog.clear', async () => {
      await history.clear();
      historyChanged.fire();
    }),
    command('ccmacro.send.showLog', () => services.log.show()),
    ...registerTestHooks(context, {
      lastSendLog: async () => (await feature()).lastLogText(),
      webhookLogEntries: () => history.entries(),
      sendStatusText: () => status.text,
      webhookLogViewServed: () => (tree.visible ? treeData.servedCount : -1),
      answerNewHosts: (answer: 'send' | 'decline' | undefined) => {
        testAnswer = answer;
      },
      answerEnvironmentConfirm: (answer: 'send' | 'decline' | undefined) => {
        environmentAnswer = answer;
        return environmentQuestions.splice(0);
      },
      forgetEnvironmentConfirmations: () => services.environments.confirmed.clear(),
    }),
  ];
}

const MOVE_TO_SECRET = 'ccmacro.moveToSecretStorage';

/** "Move to secret storage" on every `secret/literal` warning. */
class MoveToSecretActions implements vscode.CodeActionProvider {
  constructor(private readonly core: CcmacroService) {}

  async provideCodeActions(
    doc: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    const diagnostics = context.diagnostics.filter(d => diagnosticCode(d) === 'secret/literal');
    if (diagnostics.length === 0) return [];
    // Diagnostics carry no data, so the check runs again (cheap) for its suggested names.
    const found = await this.core.literalSecrets(macroDocument(doc));
    return diagnostics.map(d => {
      const start = doc.offsetAt(d.range.start);
      const end = doc.offsetAt(d.range.end);
      const match = found.find(p => p.range.start === start && p.range.end === end);
      const suggested = typeof match?.data?.suggestedName === 'string' ? match.data.suggestedName : undefined;
      const action = new vscode.CodeAction('Move to secret storage', vscode.CodeActionKind.QuickFix);
      action.diagnostics = [d];
      action.isPreferred = true;
      action.command = {
        command: MOVE_TO_SECRET,
        title: 'Move to secret storage',
        arguments: [doc.uri, d.range, doc.getText(d.range), suggested],
      };
      return action;
    });
  }
}
