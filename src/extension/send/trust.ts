import * as vscode from 'vscode';
import type { KnownHosts } from '../../core/send/knownHosts';
import { hostAndPortOf } from '../../core/common/urlHost';

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

/** Asks whether to send to a host this workspace never sent to; true to send. */
export type AskToSendTo = (host: string) => Promise<boolean>;

/** The question as a modal dialog with one "Send" button (Escape or closing declines). */
export const askWithModal: AskToSendTo = async host => {
  const choice = await vscode.window.showWarningMessage(
    `Send to ${host}?`,
    {
      modal: true,
      detail: `This workspace has never sent to this host. The macro's request, including any secrets it uses, will go to ${host}. ccmacro asks once per host and workspace.`,
    },
    'Send',
  );
  return choice === 'Send';
};

/**
 * Asks before the first send from this workspace to each host it never sent to, and remembers the hosts the user
 * said "Send" to. Loopback hosts never ask. Returns false when the user declines any of them: nothing is sent.
 */
export async function confirmNewHosts(
  knownHosts: KnownHosts,
  urls: readonly string[],
  ask: AskToSendTo,
): Promise<boolean> {
  for (const host of knownHosts.hostsNeedingConfirmation(urls)) {
    if (!(await ask(host))) return false;
  }
  for (const u of urls) await knownHosts.remember(u);
  return true;
}

/** Asks before the first send in a session to an environment with `$confirm`; true to send. */
export type AskToSendToEnvironment = (environment: string, host: string) => Promise<boolean>;

/** The question as a modal dialog naming the environment and the host ("Send" or nothing). */
export const askEnvironmentWithModal: AskToSendToEnvironment = async (environment, host) => {
  const choice = await vscode.window.showWarningMessage(
    `Send to the environment "${environment}" (${host})?`,
    {
      modal: true,
      detail: `"${environment}" is marked "$confirm": true in .ccmacro/environments.json: its sends reach a real service. ccmacro asks before the first send to it in each session.`,
    },
    'Send',
  );
  return choice === 'Send';
};

/**
 * Asks before the first send of this session to an environment marked `$confirm` (never for the local test receiver).
 * Remembers a "Send" for the session; false when the user declines: nothing is sent.
 */
export async function confirmEnvironment(
  confirmed: Set<string>,
  environment: { name: string; confirm: boolean } | undefined,
  url: string,
  ask: AskToSendToEnvironment,
): Promise<boolean> {
  if (!environment?.confirm || confirmed.has(environment.name)) return true;
  // The host the send reaches (hooks.slack.com@evil.example is evil.example), or the URL as written.
  if (!(await ask(environment.name, hostAndPortOf(url) ?? url))) return false;
  confirmed.add(environment.name);
  return true;
}
