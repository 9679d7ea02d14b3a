import * as vscode from 'vscode';
import type { CcmacroService } from '../core';
import type { Environments } from '../core/environments/environments';
import { corePath, workspaceSampleReach } from './workspace';

const STATE_KEY = 'ccmacro.activeEnvironment';

/** A macro's environments and the one its `${var:NAME}` values come from now. */
interface MacroEnvironment {
  envs?: Environments;
  /** The active environment for this macro; undefined when its project has none. */
  name?: string;
}

/**
 * The active environment of the workspace: the user's choice (kept in workspace state, so never in a committed file),
 * else the first environment without `$confirm` (so a fresh checkout never defaults to production). The choice is a
 * name; each macro takes its values from its own project's files (src/core/environments).
 */
export class ActiveEnvironment implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  /** Environments with `$confirm` the user said "Send" to in this session. */
  readonly confirmed = new Set<string>();

  constructor(
    private readonly state: vscode.Memento,
    private readonly core: CcmacroService,
  ) {}

  /** The name the user chose, if any. */
  chosen(): string | undefined {
    const v = this.state.get<unknown>(STATE_KEY);
    return typeof v === 'string' ? v : undefined;
  }

  async choose(name: string | undefined): Promise<void> {
    await this.state.update(STATE_KEY, name);
    this.changed.fire();
  }

  /** Say that an environments file changed (the status bar and every open macro follow). */
  refresh(): void {
    this.changed.fire();
  }

  /**
   * A macro's environments: looked for in its workspace folder only (never in a folder above it, never through a link
   * leading out of it, unless the setting ccmacro.samples.allowOutsideWorkspace allows reading outside).
   */
  async forMacro(uri: vscode.Uri): Promise<MacroEnvironment> {
    const envs = await this.core.environments(corePath(uri), workspaceSampleReach(uri, 'warn'));
    if (!envs) return {};
    const names = envs.names();
    const chosen = this.chosen();
    const name =
      chosen !== undefined && names.includes(chosen) ? chosen : (names.find(n => !envs.confirm(n)) ?? names[0]);
    return { envs, name };
  }

  dispose(): void {
    this.changed.dispose();
  }
}
