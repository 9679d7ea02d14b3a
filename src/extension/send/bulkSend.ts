import * as vscode from 'vscode';
import { visible } from '../../core/common/controlChars';
import { describeSampleItem, sampleItemLabel } from '../../core/samples/describe';
import { NO_MACRO_MESSAGE } from '../macroEditors';
import type { BulkRow } from '../../core/send/bulk';
import type { WebhookLogDocuments } from './historyView';
import { loadMacroToSend, renderAndResolve, type ReadyRequest } from './prepare';
import { editorSecretResolver } from './secretCommands';
import { readSendOptions } from './settings';
import { confirmEnvironment, confirmNewHosts, refuseIfUntrusted } from './trust';
import type { SenderDeps, SendOutcome, WebhookSender } from './webhookSender';

type BulkOutcome =
  | Exclude<SendOutcome, { outcome: 'sent' }>
  | {
      outcome: 'bulk';
      rows: Array<{ index: number; status?: number; error?: string; attempts: number }>;
      summary: string;
    };

/**
 * "Send Test Webhook for Each Sample Item": like Centercode's bulk manual trigger, one send per
 * sample item at ccmacro.bulk.ratePerSecond, honouring Retry-After, then a summary table.
 */
export async function sendForEachSampleItem(
  doc: vscode.TextDocument | undefined,
  sender: WebhookSender,
  deps: SenderDeps,
  docs: WebhookLogDocuments = deps.docs,
): Promise<BulkOutcome> {
  const untrusted = refuseIfUntrusted();
  if (untrusted) return untrusted;
  const fail = (reason: 'no-editor' | 'not-ready' | 'settings', message: string): BulkOutcome => {
    void vscode.window.showErrorMessage(visible(message));
    return { outcome: 'refused', reason, message };
  };
  if (!doc) return fail('no-editor', NO_MACRO_MESSAGE);
  const core = deps.services.core;
  const active = deps.services.samples.get(doc.uri);
  const loaded = await loadMacroToSend(core, doc, { sample: active?.id, index: 0 });
  if (!loaded.ok) return fail('not-ready', loaded.error);
  const m = loaded.value;
  const items = m.sample.items;

  // Render every item first: a problem in item 7 should stop the run before item 1 goes out.
  const env = await sender.environmentOf(doc);
  const resolver = editorSecretResolver(core, env?.name);
  const readies: ReadyRequest[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (!item)
      return fail(
        'not-ready',
        `${describeSampleItem(m.sample, i)} is not an object of tag names to values, so no item was sent.`,
      );
    const r = await renderAndResolve(core, m, item, resolver, env?.vars);
    if (!r.ok) return fail('not-ready', `${describeSampleItem(m.sample, i)}: ${r.error}`);
    readies.push(r.value);
  }
  if (
    !(await confirmEnvironment(
      deps.services.environments.confirmed,
      env,
      readies[0]?.request.url ?? '',
      deps.askToSendToEnvironment,
    ))
  )
    return {
      outcome: 'refused',
      reason: 'not-confirmed',
      message: `Not sent: sending to the environment "${env!.name}" was not confirmed.`,
    };
  if (
    !(await confirmNewHosts(
      core.knownHosts(),
      readies.map(r => r.request.url),
      deps.askToSendTo,
    ))
  ) {
    return { outcome: 'refused', reason: 'not-confirmed', message: 'Not sent: the host was not confirmed.' };
  }
  const settings = await readSendOptions(core, doc.uri, readies[0].request.url);
  if (!settings.ok) return fail('settings', settings.error);
  const rate = vscode.workspace.getConfiguration('ccmacro', doc.uri).get<number>('bulk.ratePerSecond') ?? 1;

  const mask = await core.masker(readies.flatMap(r => r.secretValues));
  // The macro name may hold a secret's value: masked wherever it is shown, as in the log.
  const shownName = mask.text(m.macroName);
  const recorded: Array<Promise<unknown>> = [];
  const rows: BulkRow[] = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: visible(`ccmacro: sending "${shownName}" for ${items.length} sample items`),
      cancellable: true,
    },
    (progress, token) =>
      core.sendBulk(
        readies.map(r => r.request),
        settings.value,
        {
          ratePerSecond: rate,
          label: i => sampleItemLabel(items[i], i),
          onProgress: (done, total, row) => {
            progress.report({
              increment: 100 / total,
              message: `${done} of ${total} (last: ${row.status ?? 'failed'})`,
            });
            if (row.exchange)
              recorded.push(
                sender.record(m, readies[row.index], row.exchange, {
                  target: 'real',
                  sampleIndex: row.index,
                  quiet: true,
                  environment: env?.name,
                }),
              );
          },
        },
        token,
      ),
  );
  await Promise.all(recorded);

  const { table, summary: outcome, succeeded } = await core.bulkSummary(rows, s => mask.text(s));
  const summary = visible(
    `Bulk send of "${shownName}" with ${mask.text(m.sample.name)}, ${rate} per second:\n\n${table}`,
  );
  deps.services.log.info(summary);
  deps.status.show(outcome, visible(`"${shownName}": ${succeeded} of ${rows.length} sample items sent successfully`));
  const uri = docs.addSummary(summary);
  void vscode.workspace.openTextDocument(uri).then(d => vscode.window.showTextDocument(d, { preview: true }));
  return {
    outcome: 'bulk',
    rows: rows.map(r => ({
      index: r.index,
      ...(r.status !== undefined ? { status: r.status } : {}),
      ...(r.error ? { error: mask.text(r.error) } : {}),
      attempts: r.attempts,
    })),
    summary,
  };
}
