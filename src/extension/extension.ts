import * as vscode from 'vscode';
import { createCcmacroService, type CcmacroService } from '../core';
import { registerCodeLens } from './features/codeLens';
import { registerCreate } from './features/create';
import { registerConvert } from './features/convert';
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
import { TagInputs } from './tagInputs';
import { registerTestHooks } from './testHooks';
import { corePath, workspaceFileSystem, uriForPath, workspacePathKind, workspaceTree } from './workspace';

let active: CcmacroService | undefined;

/**
 * Activation registers providers and commands and awaits nothing. The core service loads what a method runs on its
 * first call, and the features that are not needed to show diagnostics, completion or hover (sending, the preview,
 * creating macros, the Testing view) load on first use: scripts/build.mjs checks that undici, ajv and adaptivecards
 * are never on the activation path.
 */
export function activate(context: vscode.ExtensionContext): void {
  const log = new CcmacroLog();
  const samples = new SampleSelection();
  const tagInputs = new TagInputs();
  const core = (active = createCcmacroService({
    fs: workspaceFileSystem,
    logger: log,
    stores: { workspace: context.workspaceState, global: context.globalState, secrets: context.secrets },
    // A macro's project config (its tag syntax) is looked for up to its workspace folder, never through a link.
    treeRoot: p => workspaceTree(uriForPath(p))?.root,
    pathKind: workspacePathKind,
  }));
  const environments = new ActiveEnvironment(context.workspaceState, core);
  const services: ExtensionServices = { context, core, log, samples, tagInputs, environments };
  context.subscriptions.push(
    log,
    samples,
    tagInputs,
    environments,
    trackMacroEditors(),
    ...registerDiagnostics(services),
    ...registerTags(services),
    ...registerEnvironments(services),
    registerCodeLens(context),
    ...registerSend(services),
    ...registerPreview(services),
    ...registerCreate(services),
    registerConvert(services),
    ...registerExternalData(services),
    ...registerTestExplorer(services),
    registerTargetFix(services),
    // For the host tests: the path the core gets for a URI (the one mapping, src/core/common/uriPath.ts).
    ...registerTestHooks(context, { corePath: (uri: string) => corePath(vscode.Uri.parse(uri)) }),
  );
}

/** Close the sender's kept-alive connections (loads nothing when nothing was sent). */
export async function deactivate(): Promise<void> {
  await active?.dispose();
  active = undefined;
}
