import * as vscode from 'vscode';
import { formatClock, summarizeEntry } from '../../core/send/summary';
import type { WebhookLog, WebhookLogEntry } from '../../core/send/history';

export const LOG_SCHEME = 'ccmacro-log';
const ICONS = {
  pass: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
};

/** The "Webhook Log" view: the last exchanges of this workspace, newest first. */
export class WebhookLogTree implements vscode.TreeDataProvider<WebhookLogEntry> {
  readonly onDidChangeTreeData: vscode.Event<void>;
  /** How many entries the view last asked for and got (tests wait on it before a screenshot). */
  servedCount = -1;

  constructor(
    private readonly log: WebhookLog,
    changed: vscode.Event<void>,
  ) {
    this.onDidChangeTreeData = changed;
  }

  getChildren(element?: WebhookLogEntry): WebhookLogEntry[] {
    if (element) return [];
    const entries = this.log.entries();
    this.servedCount = entries.length;
    return entries;
  }

  getTreeItem(e: WebhookLogEntry): vscode.TreeItem {
    const item = new vscode.TreeItem(e.macroName, vscode.TreeItemCollapsibleState.None);
    const s = summarizeEntry(e);
    const clock = formatClock(e.startedAt);
    item.id = e.id;
    const itemNo = e.sampleIndex !== undefined ? `[${e.sampleIndex}]` : '';
    item.description = [itemNo, s.text, clock, e.environment ?? '', e.target === 'receiver' ? 'receiver' : '']
      .filter(Boolean)
      .join(' · ');
    item.iconPath = ICONS[s.kind];
    const tip = new vscode.MarkdownString(undefined, false);
    tip.isTrusted = false;
    tip.appendText(`${e.macroName}\n\n${e.requestLine}\n\n${s.text}${e.errorMessage ? `: ${e.errorMessage}` : ''}\n\n`);
    tip.appendText(
      `${new Date(e.startedAt).toLocaleString()}${e.sampleName ? ` · sample ${e.sampleName}` : ''}${e.environment !== undefined ? ` · environment ${e.environment}` : ''}${e.target === 'receiver' ? ' · sent to the local test receiver' : ''}`,
    );
    item.tooltip = tip;
    item.contextValue = e.file ? 'ccmacro.webhookLogEntry.resendable' : 'ccmacro.webhookLogEntry';
    item.command = { command: 'ccmacro.webhookLog.open', title: 'Open Exchange', arguments: [e] };
    return item;
  }
}

/** ccmacro-log:/<id>/<macro>.log shows one history entry's masked exchange log, read-only. */
export class WebhookLogDocuments implements vscode.TextDocumentContentProvider {
  /** Bulk-send summaries of this session: ccmacro-log:/bulk-<n>/summary.log. */
  private readonly summaries = new Map<string, string>();

  constructor(private readonly log: WebhookLog) {}

  addSummary(text: string): vscode.Uri {
    const id = `bulk-${this.summaries.size + 1}`;
    this.summaries.set(id, text);
    return vscode.Uri.from({ scheme: LOG_SCHEME, path: `/${id}/bulk-send-summary.log` });
  }

  static uriFor(e: WebhookLogEntry): vscode.Uri {
    const safe = e.macroName.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'exchange';
    return vscode.Uri.from({ scheme: LOG_SCHEME, path: `/${e.id}/${safe}.log` });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const id = uri.path.split('/')[1] ?? '';
    const summary = this.summaries.get(id);
    if (summary !== undefined) return summary;
    const e = this.log.get(id);
    return e ? e.logText : 'This exchange is no longer in the Webhook Log (it keeps the last 50 per workspace).\n';
  }
}
