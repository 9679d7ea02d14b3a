import * as vscode from 'vscode';
import type { KnownHosts } from '../../core/send/knownHosts';

const UNTRUSTED_MESSAGE =
  'ccmacro does not send webhooks in an untrusted workspace: a macro from an unknown source could send your secrets anywhere. Trust this folder to send test webhooks.';

/** In restricted mode every send is refused, with a way to change trust. Returns the refusal, or undefined when trusted. */
export function refuseIfUntrusted(): { outcome: 'refused'; reason: 'untrusted'; message: string } | undefined {
  if (vscode.workspace.isTrusted) return undefined;
  void vscode.window.showWarningMessage(UNTRUSTED_MESSAGE, 'Manage Workspace Trust').then(choice => {
    if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return { outcome: 'refused', reason: 'untrusted', message: UNTRUSTED_MESSAGE };
}

/**
 * Asks (modal) before the first send from this workspace to each host it never sent to; remembers
 * the answer "Send" per workspace. Loopback hosts never ask. Returns false when the user declines.
 */
export async function confirmNewHosts(knownHosts: KnownHosts, urls: readonly string[]): Promise<boolean> {
  const hosts = [...new Set(urls.map(u => knownHosts.hostNeedingConfirmation(u)).filter((h): h is string => !!h))];
  for (const host of hosts) {
    const choice = await vscode.window.showWarningMessage(
      `Send to ${host}?`,
      {
        modal: true,
        detail: `This workspace has never sent to this host. The macro's request, including any secrets it uses, will go to ${host}. ccmacro asks once per host and workspace.`,
      },
      'Send',
    );
    if (choice !== 'Send') return false;
  }
  for (const u of urls) await knownHosts.remember(u);
  return true;
}
