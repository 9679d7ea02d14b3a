import * as vscode from 'vscode';
import type { ExchangeSummary } from '../../core/send/summary';

const ICONS = { pass: '$(check)', warning: '$(warning)', error: '$(error)' } as const;

/** "$(check) 200 OK · 143 ms" after a send; clicking opens the ccmacro log. Created on the first send. */
export class SendResultStatus implements vscode.Disposable {
  private item: vscode.StatusBarItem | undefined;

  show(summary: ExchangeSummary, tooltip: string): void {
    if (!this.item) {
      this.item = vscode.window.createStatusBarItem('ccmacro.sendResult', vscode.StatusBarAlignment.Left, 50);
      this.item.name = 'ccmacro: last test webhook';
      this.item.command = 'ccmacro.send.showLog';
    }
    this.item.text = `${ICONS[summary.kind]} ${summary.text}`;
    this.item.tooltip = `${tooltip}\nClick to open the ccmacro log.`;
    this.item.backgroundColor =
      summary.kind === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }

  /** What the item shows now (for tests). */
  get text(): string | undefined {
    return this.item?.text;
  }

  dispose(): void {
    this.item?.dispose();
  }
}
