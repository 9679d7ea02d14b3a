import * as vscode from 'vscode';
import type { CcmacroService } from '../../core';
import type { Receiver, ReceivedRequest } from '../../core/receiver/receiver';
import type { Masker } from '../../core/secrets/mask';
import type { CcmacroLog } from '../log';

/**
 * The local test receiver inside the extension host: one at a time, on 127.0.0.1. Every request
 * that arrives is written (masked) to the ccmacro log, and a status bar item shows the port.
 */
export class ReceiverHost implements vscode.Disposable {
  constructor(
    private readonly core: CcmacroService,
    private readonly log: CcmacroLog,
  ) {}

  private receiver: Receiver | undefined;
  private starting: Promise<Receiver> | undefined;
  private unsubscribe: (() => void) | undefined;
  private status: vscode.StatusBarItem | undefined;
  /** Values of secrets sent in this session, hidden when requests are shown. */
  private readonly secretValues = new Set<string>();
  /** "METHOD /path?query" of sends from this extension on their way here: their exchange log already shows them. */
  private readonly ownPending: string[] = [];

  /** A send from this extension is about to arrive: log only the receiver's verdict for it, not the request again. */
  expectOwn(method: string, url: string): void {
    const u = new URL(url);
    this.ownPending.push(`${method.toUpperCase()} ${u.pathname}${u.search}`);
  }

  get running(): Receiver | undefined {
    return this.receiver;
  }

  rememberSecrets(values: readonly string[]): void {
    for (const v of values) if (v) this.secretValues.add(v);
  }

  masker(): Promise<Masker> {
    return this.core.masker([...this.secretValues]);
  }

  /** Starts the receiver (or returns the running one). Port 0 picks a free port. */
  async start(port: number): Promise<Receiver> {
    if (this.receiver) return this.receiver;
    this.starting ??= (async () => {
      const r = await this.core.startReceiver({ port, host: '127.0.0.1' });
      this.receiver = r;
      this.unsubscribe = r.onRequest(req => void this.logRequest(req));
      this.showStatus(r);
      this.log.info(`Local test receiver listening on ${r.url} (${await this.core.receiverTargetPaths(r.url)})`);
      return r;
    })().finally(() => (this.starting = undefined));
    return this.starting;
  }

  async stop(): Promise<boolean> {
    const r = this.receiver;
    if (!r) return false;
    this.receiver = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.status?.hide();
    await r.close();
    this.log.info(`Local test receiver on ${r.url} stopped.`);
    return true;
  }

  /** A received request as log text, secrets masked. */
  describe(req: ReceivedRequest): Promise<string> {
    return this.core.formatReceivedRequest(req, [...this.secretValues]);
  }

  private async logRequest(req: ReceivedRequest): Promise<void> {
    const own = this.ownPending.indexOf(`${req.method.toUpperCase()} ${req.path}`);
    if (own >= 0) this.ownPending.splice(own, 1);
    const log = this.log;
    const mask = await this.masker();
    const line =
      own >= 0
        ? `Local test receiver answered ${req.response.status} to ${req.method} ${mask.url(req.path)} (the request and the answer are in the exchange log).`
        : `Local test receiver got:\n${await this.describe(req)}`;
    if (req.response.status >= 400) log.warn(line);
    else log.info(line);
  }

  private showStatus(r: Receiver): void {
    if (!this.status) {
      this.status = vscode.window.createStatusBarItem('ccmacro.receiver', vscode.StatusBarAlignment.Left, 49);
      this.status.name = 'ccmacro: local test receiver';
      this.status.command = 'ccmacro.send.showLog';
    }
    this.status.text = `$(radio-tower) Receiver :${r.port}`;
    this.status.tooltip = `ccmacro's local test receiver is listening on ${r.url}.\nClick to see what arrived in the ccmacro log; run "ccmacro: Stop Local Test Receiver" to stop it.`;
    this.status.show();
  }

  dispose(): void {
    void this.stop();
    this.status?.dispose();
  }
}
