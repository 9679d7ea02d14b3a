import * as vscode from 'vscode';
import type { Logger } from '../core/host';

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

/** The core's Logger over the ccmacro channel (the channel is created on the first line). */
export const ccmacroLogger: Logger = {
  info: m => ccmacroLog().info(m),
  warn: m => ccmacroLog().warn(m),
  error: m => ccmacroLog().error(m),
};
