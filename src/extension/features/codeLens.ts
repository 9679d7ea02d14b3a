import * as vscode from 'vscode';

/**
 * The CodeLenses above a macro's first line: "Send test webhook" (when the send command is part
 * of this build), then "Preview". One provider for both, so they share a line in a fixed order.
 * In Restricted Mode the send lens says that sending is off (clicking it says why, with Manage Workspace Trust, as
 * Ctrl+Alt+Enter does), and turns back into "Send test webhook" when the folder is trusted.
 */
export function registerCodeLens(ctx: vscode.ExtensionContext): vscode.Disposable {
  const declared = new Set<string>(
    ((ctx.extension.packageJSON?.contributes?.commands ?? []) as Array<{ command?: string }>).map(c => c.command ?? ''),
  );
  const lenses = (): Array<{ title: string; command: string; tooltip: string }> => {
    const out: Array<{ title: string; command: string; tooltip: string }> = [];
    if (declared.has('ccmacro.sendTestWebhook')) {
      out.push(
        vscode.workspace.isTrusted
          ? {
              title: 'Send test webhook',
              command: 'ccmacro.sendTestWebhook',
              tooltip: 'Send this macro once with its sample feedback',
            }
          : {
              title: '$(workspace-untrusted) Sending is off in Restricted Mode',
              command: 'ccmacro.sendTestWebhook',
              tooltip:
                'ccmacro sends no webhook from an untrusted folder: a macro from an unknown source could send your secrets anywhere. Click to see how to trust this folder.',
            },
      );
    }
    out.push({
      title: 'Preview',
      command: 'ccmacro.openPreviewToSide',
      tooltip: 'Open the rendered request beside the macro',
    });
    return out;
  };
  const changed = new vscode.EventEmitter<void>();
  const trusted = vscode.workspace.onDidGrantWorkspaceTrust(() => changed.fire());
  const provider = vscode.languages.registerCodeLensProvider(
    { language: 'ccmacro' },
    {
      onDidChangeCodeLenses: changed.event,
      provideCodeLenses(doc) {
        const line = firstContentLine(doc);
        const range = new vscode.Range(line, 0, line, 0);
        return lenses().map(
          l =>
            new vscode.CodeLens(range, {
              title: l.title,
              command: l.command,
              tooltip: l.tooltip,
              arguments: [doc.uri],
            }),
        );
      },
    },
  );
  return vscode.Disposable.from(provider, trusted, changed);
}

/** The macro's first line: the first that is not blank or a // comment (a lens above a comment looks misplaced). */
function firstContentLine(doc: vscode.TextDocument): number {
  for (let i = 0; i < Math.min(doc.lineCount, 200); i++) {
    const t = doc.lineAt(i).text.trim();
    if (t && !t.startsWith('//')) return i;
  }
  return 0;
}
