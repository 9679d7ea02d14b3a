import type * as vscode from 'vscode';
import { createCcmacroService, type CcmacroService } from '../core';
import { registerCodeLens } from './features/codeLens';
import { registerCreate } from './features/create';
import { registerDiagnostics } from './features/diagnostics';
import { registerEnvironments } from './features/environments';
import { registerExternalData } from './features/externalData';
import { ActiveEnvironment } from './environments';
import { registerPreview } from './features/preview';
import { registerSend } from './features/send';
import { registerTags } from './features/tags';
import { registerTargetFix } from './features/targetFix';
import { registerTestExplorer } from './features/testExplorer';
import { CcmacroLog } from './log';
import { trackMacroEditors } from './macroEditors';
import { SampleSelection } from './sampleSelection';
import type { ExtensionServices } from './services';
import { workspaceFileSystem } from './workspace';

let active: CcmacroService | undefined;

/**
 * Activation registers providers and commands and awaits nothing. What activation runs is in this bundle
 * (dist/extension.js): diagnostics, tag completion/hover/definition/fixes, CodeLens, the external-data feed, the
 * test controller and the command stubs. Sending, the preview, creating macros and running snapshot tests are
 * separate bundles loaded by their first use, and undici, ajv and the
 * macro schema are loaded by the first send or schema check (scripts/build.mjs enforces this).
 */
export function activate(context: vscode.ExtensionContext): void {
  const log = new CcmacroLog();
  const samples = new SampleSelection();
  const core = (active = createCcmacroService({ fs: workspaceFileSystem, logger: log }));
  const environments = new ActiveEnvironment(context.workspaceState, core);
  const services: ExtensionServices = { context, core, log, samples, environments };
  context.subscriptions.push(
    log,
    samples,
    environments,
    trackMacroEditors(),
    ...registerDiagnostics(services),
    ...registerTags(services),
    ...registerEnvironments(services),
    registerCodeLens(context),
    ...registerSend(services),
    ...registerPreview(services),
    ...registerCreate(),
    ...registerExternalData(core),
    ...registerTestExplorer(services),
    registerTargetFix(),
  );
}

/** Close the sender's kept-alive connections (loads nothing when nothing was sent). */
export async function deactivate(): Promise<void> {
  await active?.dispose();
  active = undefined;
}
