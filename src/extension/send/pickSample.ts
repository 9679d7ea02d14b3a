import * as vscode from 'vscode';
import { parseSampleKey, sampleKey } from '../../core/samples/key';
import type { SampleChoice } from '../sampleSelection';
import type { ExtensionServices } from '../services';
import { macroDocument } from '../workspace';

/** A quick pick of every item of every sample the macro can use, grouped as in the preview; the current pick first. */
export async function pickSampleItem(
  services: ExtensionServices,
  doc: vscode.TextDocument,
): Promise<SampleChoice | undefined> {
  const options = await services.core.sampleItems(macroDocument(doc));
  const current = services.samples.get(doc.uri);
  const currentKey = current ? sampleKey(current.id, current.index) : undefined;
  const items: Array<vscode.QuickPickItem & { key?: string }> = [];
  let group: string | undefined;
  for (const o of options) {
    if (o.group !== group) {
      items.push({ label: o.group, kind: vscode.QuickPickItemKind.Separator });
      group = o.group;
    }
    items.push({ label: o.label, description: o.key === currentKey ? '(picked now)' : undefined, key: o.key });
  }
  const chosen = await vscode.window.showQuickPick(items, {
    title: 'Send Test Webhook with Sample',
    placeHolder: 'Which sample item fills the tags?',
  });
  return chosen?.key ? parseSampleKey(chosen.key) : undefined;
}
