import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

/** The one "ccmacro" log channel, created on first use so activation stays cheap. */
export function ccmacroLog(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('ccmacro', { log: true });
  return channel;
}

/** For context.subscriptions: disposes the channel if it was ever created. */
export function disposeCcmacroLog(): vscode.Disposable {
  return new vscode.Disposable(() => {
    channel?.dispose();
    channel = undefined;
  });
}
