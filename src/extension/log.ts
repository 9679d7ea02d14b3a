import * as vscode from 'vscode';
import type { Logger } from '../core/host';
import { visible } from '../core/common/controlChars';

/**
 * The one "ccmacro" output channel (a LogOutputChannel: levels and timestamps), created on the first line so
 * activation stays cheap. Also the core's Logger.
 */
export class CcmacroLog implements Logger, vscode.Disposable {
  private channel: vscode.LogOutputChannel | undefined;

  private get out(): vscode.LogOutputChannel {
    this.channel ??= vscode.window.createOutputChannel('ccmacro', { log: true });
    return this.channel;
  }

  // Every line is shown with control characters made visible (the core formatters already do; this is the channel's
  // own guarantee for any other caller).
  info(message: string): void {
    this.out.info(visible(message));
  }

  warn(message: string): void {
    this.out.warn(visible(message));
  }

  error(message: string): void {
    this.out.error(visible(message));
  }

  show(preserveFocus = false): void {
    this.out.show(preserveFocus);
  }

  dispose(): void {
    this.channel?.dispose();
    this.channel = undefined;
  }
}
