import type * as vscode from 'vscode';
import type { CcmacroService } from '../core';
import type { CcmacroLog } from './log';
import type { SampleSelection } from './sampleSelection';
import type { ActiveEnvironment } from './environments';
import type { TagInputs } from './tagInputs';

/**
 * What every feature of the extension shares, created once in activate(): the core service, the output channel, the
 * user's sample choices and the watcher of tag inputs. Features loaded later (send, preview, create, testing)
 * receive this instead of keeping module-level singletons, so every feature shares one state.
 */
export interface ExtensionServices {
  readonly context: vscode.ExtensionContext;
  readonly core: CcmacroService;
  readonly log: CcmacroLog;
  readonly samples: SampleSelection;
  /** The active environment (its `${var:NAME}` values): the status bar, checks, the preview and sends follow it. */
  readonly environments: ActiveEnvironment;
  readonly tagInputs: TagInputs;
}
