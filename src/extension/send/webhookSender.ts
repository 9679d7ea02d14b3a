import * as vscode from 'vscode';
import { hostAndPortOf } from '../../core/common/urlHost';
import { visible } from '../../core/common/controlChars';
import { summarizeEntry, summarizeExchange } from '../../core/send/summary';
import { withUrl, type Exchange, type SendOptions } from '../../core/send/types';
import { macroReturnValues } from '../../core/macro/model';
import { describeSampleItem } from '../../core/samples/describe';
import type { ExtensionServices } from '../services';
import { NO_MACRO_MESSAGE } from '../macroEditors';
import { loadMacroToSend, renderAndResolve, type MacroToSend, type ReadyRequest } from './prepare';
import type { ReceiverHost } from './receiverHost';
import { editorSecretResolver, receiverSecretResolver } from './secretCommands';
import { readSendOptions } from './settings';
import type { SendResultStatus } from './statusBar';
import type { WebhookLogDocuments } from './historyView';
import {
  confirmEnvironment,
  confirmNewHosts,
  refuseIfUntrusted,
  type AskToSendTo,
  type AskToSendToEnvironment,
} from './trust';
import type { VarValues } from '../../core/render/types';

export type SendTarget = 'real' | 'receiver';

/** What a send command returns (plain data, so tests can assert on it through executeCommand). */
export type SendOutcome =
  | {
      outcome: 'sent';
      status?: number;
      statusText?: string;
      error?: string;
      explanation?: string;
      summary: string;
      entryId: string;
      url: string;
    }
  | {
      outcome: 'refused';
      reason: 'untrusted' | 'no-editor' | 'not-ready' | 'not-confirmed' | 'settings';
      message: string;
    }
  | { outcome: 'cancelled' };

export interface SenderDeps {
  services: ExtensionServices;
  status: SendResultStatus;
  receiver: ReceiverHost;
  historyChanged: vscode.EventEmitter<void>;
  docs: WebhookLogDocuments;
  receiverPort(): number;
  /** Asks before the first send to a new host (a modal dialog; tests answer it themselves). */
  askToSendTo: AskToSendTo;
  /** Asks before the session's first send to an environment with `$confirm` (a modal; tests answer it themselves). */
  askToSendToEnvironment: AskToSendToEnvironment;
}

/** Sends macros: render → resolve secrets → trust and host checks → send with progress → log, history, status bar. */
export class WebhookSender {
  /** The last exchange log written to the channel (masked), for tests and "Open Log". */
  lastLogText: string | undefined;

  constructor(private readonly deps: SenderDeps) {}

  /** `sample`/`sampleIndex` default to the macro's active sample (the preview's choice), else its first sample item. */
  async sendDocument(
    doc: vscode.TextDocument | undefined,
    options: { target: SendTarget; sample?: string; sampleIndex?: number },
  ): Promise<SendOutcome> {
    const untrusted = refuseIfUntrusted();
    if (untrusted) return untrusted;
    if (!doc) return this.refuse('no-editor', NO_MACRO_MESSAGE);
    const active =
      options.sample === undefined && options.sampleIndex === undefined
        ? this.deps.services.samples.get(doc.uri)
        : undefined;
    const choice = active
      ? { sample: active.id, index: active.index }
      : { sample: options.sample, index: options.sampleIndex };
    const core = this.deps.services.core;
    const loaded = await loadMacroToSend(core, doc, choice);
    if (!loaded.ok) return this.refuse('not-ready', loaded.error);
    const m = loaded.value;
    const env = await this.environmentOf(doc);
    const resolver =
      options.target === 'receiver' ? receiverSecretResolver(core, env?.name) : editorSecretResolver(core, env?.name);
    const ready = await renderAndResolve(core, m, m.sample.item!, resolver, env?.vars);
    if (!ready.ok) return this.refuse('not-ready', ready.error);
    const aimed = await this.aim(m, ready.value, options.target);
    if (
      options.target === 'real' &&
      !(await confirmEnvironment(
        this.deps.services.environments.confirmed,
        env,
        aimed.request.url,
        this.deps.askToSendToEnvironment,
      ))
    )
      return {
        outcome: 'refused',
        reason: 'not-confirmed',
        message: `Not sent: sending to the environment "${env!.name}" was not confirmed.`,
      };
    const hostOk =
      options.target === 'receiver' ||
      (await confirmNewHosts(core.knownHosts(), [aimed.request.url], this.deps.askToSendTo));
    if (!hostOk)
      return { outcome: 'refused', reason: 'not-confirmed', message: 'Not sent: the host was not confirmed.' };
    const settings = await readSendOptions(core, doc.uri, aimed.request.url);
    if (!settings.ok) return this.refuse('settings', settings.error);

    const where = options.target === 'receiver' ? 'the local test receiver' : hostLabel(aimed.request.url);
    // The macro name may hold a secret's value: masked wherever it is shown, as in the log.
    const shownName = (await core.masker(aimed.secretValues)).text(m.macroName);
    const exchange = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: visible(`ccmacro: sending "${shownName}" to ${where}…`),
        cancellable: true,
      },
      (_progress, token) => this.sendOnce(aimed, settings.value, token),
    );
    const outcome = await this.record(m, aimed, exchange, {
      target: options.target,
      sampleIndex: choice.index,
      environment: env?.name,
    });
    this.notify(shownName, outcome, summarizeExchange(exchange).kind);
    if (options.target === 'receiver') this.deps.services.log.show(true);
    return outcome;
  }

  /** The macro's active environment: its name, its `${var:NAME}` values and whether it asks before sending. */
  async environmentOf(
    doc: vscode.TextDocument,
  ): Promise<{ name: string; confirm: boolean; vars: VarValues } | undefined> {
    const { envs, name } = await this.deps.services.environments.forMacro(doc.uri);
    if (!envs || name === undefined) return undefined;
    return { name, confirm: envs.confirm(name), vars: envs.varValues(name) };
  }

  /** Sends without UI around it. */
  sendOnce(ready: ReadyRequest, options: SendOptions, token?: vscode.CancellationToken): Promise<Exchange> {
    return this.deps.services.core.send(ready.request, options, token);
  }

  /** Points the request at the local receiver when asked (starting it if needed). */
  async aim(m: MacroToSend, ready: ReadyRequest, target: SendTarget): Promise<ReadyRequest> {
    if (target !== 'receiver') return ready;
    const r = await this.deps.receiver.start(this.deps.receiverPort());
    this.deps.receiver.rememberSecrets(ready.secretValues);
    const url = await this.deps.services.core.receiverTargetUrl(r.url, ready.request.url, m.macroName, ready.target);
    this.deps.receiver.expectOwn(ready.request.method, url);
    return { ...ready, request: withUrl(ready.request, url) };
  }

  /** Log, history and status bar for one exchange; everything masked. */
  async record(
    m: MacroToSend,
    ready: ReadyRequest,
    exchange: Exchange,
    meta: { target: SendTarget; sampleIndex?: number; quiet?: boolean; environment?: string },
  ): Promise<Extract<SendOutcome, { outcome: 'sent' }>> {
    const index = meta.sampleIndex ?? m.sample.index;
    const { entry, explanation, url } = await this.deps.services.core.logEntry(
      exchange,
      {
        macroName: m.macroName,
        sampleName: describeSampleItem(m.sample, index),
        environment: meta.environment,
        returnValues: macroReturnValues(m.parsed.macro),
        target: meta.target,
        file: m.doc.uri.toString(),
        sample: { id: m.sample.id, index, count: m.sample.items.length },
      },
      ready.secretValues,
    );
    this.lastLogText = entry.logText;
    // From the entry: its reason phrase is masked and shown visibly, as everything the status bar and notifications say.
    const summary = summarizeEntry(entry);
    const heading = meta.target === 'receiver' ? 'Test webhook (sent to the local test receiver):' : 'Test webhook:';
    const log = this.deps.services.log;
    if (summary.kind === 'pass') log.info(`${heading}\n${entry.logText}`);
    else if (summary.kind === 'warning') log.warn(`${heading}\n${entry.logText}`);
    else log.error(`${heading}\n${entry.logText}`);
    const stored = await this.deps.services.core.webhookLog().add(entry);
    this.deps.historyChanged.fire();
    if (!meta.quiet) this.deps.status.show(summary, `"${entry.macroName}": ${entry.requestLine}`);
    return {
      outcome: 'sent',
      ...(exchange.response ? { status: exchange.response.status, statusText: exchange.response.statusText } : {}),
      ...(entry.errorMessage ? { error: entry.errorMessage } : {}),
      ...(explanation ? { explanation } : {}),
      summary: summary.text,
      entryId: stored.id,
      url,
    };
  }

  private notify(
    macroName: string,
    outcome: Extract<SendOutcome, { outcome: 'sent' }>,
    kind: 'pass' | 'warning' | 'error',
  ): void {
    if (kind === 'pass') return; // the status bar says it
    const text = visible(
      `"${macroName}": ${outcome.error ?? outcome.summary}${outcome.explanation && !outcome.error ? `. ${outcome.explanation}` : ''}`,
    );
    const show = kind === 'error' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
    void show(text, 'Open Log').then(choice => {
      if (choice === 'Open Log') this.deps.services.log.show();
    });
  }

  private refuse(reason: 'no-editor' | 'not-ready' | 'settings', message: string): SendOutcome {
    void vscode.window.showErrorMessage(visible(message));
    return { outcome: 'refused', reason, message };
  }
}

function hostLabel(url: string): string {
  return hostAndPortOf(url) ?? 'the macro URL';
}
