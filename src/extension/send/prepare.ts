import type * as vscode from 'vscode';
import type { CcmacroService } from '../../core';
import { formatProblem, type Problem } from '../../core/common/problem';
import type { Result } from '../../core/common/result';
import { LineIndex } from '../../core/common/text';
import type { SecretResolver } from '../../core/host';
import { macroDisplayName } from '../../core/macro/model';
import type { ParsedMacro } from '../../core/macro/parse';
import type { LoadedSample } from '../../core/samples/load';
import type { SampleItem } from '../../core/samples/types';
import type { OutgoingRequest } from '../../core/send/types';
import type { TargetId } from '../../core/targets';
import type { VarValues } from '../../core/render/types';
import { macroDocument, workspaceRelativePath } from '../workspace';

/** A macro document with its sample, ready to render one item at a time. */
export interface MacroToSend {
  doc: vscode.TextDocument;
  parsed: ParsedMacro;
  macroName: string;
  sample: LoadedSample;
}

/** One item rendered and its placeholders resolved: exactly what goes on the wire. */
export interface ReadyRequest {
  request: OutgoingRequest;
  /** Values that came from ${secret:}/${env:}: masked wherever the exchange is shown. */
  secretValues: string[];
  /** What the body was rendered for: "Send to Local Test Receiver" aims at the receiver's checks for it. */
  target: TargetId;
}

/** A problem as the CLI prints it: `macros/x.ccmacro.json:8:5: error: … [code]`. */
function located(file: string, text: string | undefined, p: Problem): string {
  return formatProblem(file, p, text === undefined ? undefined : new LineIndex(text));
}

/** Parse the macro and load its sample (the first of its `samples`, else the built-in one for its scope). */
export async function loadMacroToSend(
  core: CcmacroService,
  doc: vscode.TextDocument,
  choice: { sample?: string; index?: number } = {},
): Promise<Result<MacroToSend>> {
  const document = macroDocument(doc);
  const loaded = await core.loadForSend(document, { sample: choice.sample, index: choice.index ?? 0 });
  const { parsed } = loaded;
  if ((!loaded.ok && loaded.stage === 'syntax') || !parsed.macro) {
    const first = !loaded.ok && loaded.stage === 'syntax' ? loaded.problems[0] : undefined;
    return {
      ok: false,
      error: `The macro file has a JSON error, so it cannot be sent: ${first ? located(workspaceRelativePath(doc.uri), parsed.text, first) : 'it is not a JSON object'}`,
    };
  }
  const macroName = macroDisplayName(parsed.macro, document.path);
  if (!loaded.ok) {
    const { sample } = loaded;
    const p = loaded.problems[0];
    const where = sample.path ? workspaceRelativePath(sample.path) : sample.name;
    return {
      ok: false,
      error: `"${macroName}" cannot be sent: the sample ${sample.name} gives no item to render. ${p ? located(where, sample.text, p) : 'It is empty.'}`,
    };
  }
  return { ok: true, value: { doc, parsed, macroName, sample: loaded.sample } };
}

/** Render one sample item and resolve its ${secret:}/${env:} placeholders (asking for unknown secrets). */
export async function renderAndResolve(
  core: CcmacroService,
  m: MacroToSend,
  item: SampleItem,
  resolver: SecretResolver,
  vars?: VarValues,
): Promise<Result<ReadyRequest>> {
  const ready = await core.prepareRequest(m.parsed, item, resolver, { vars });
  if (!ready.ok && ready.stage === 'render') {
    const [firstError] = ready.problems;
    const more = ready.problems.length - 1;
    const why = firstError
      ? located(workspaceRelativePath(m.doc.uri), m.parsed.text, firstError)
      : 'it could not be rendered';
    return {
      ok: false,
      error: `"${m.macroName}" was not sent: ${why}${more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'}; see the Problems panel)` : ''}`,
    };
  }
  if (!ready.ok) {
    const where = workspaceRelativePath(m.doc.uri);
    return {
      ok: false,
      error: `"${m.macroName}" was not sent: ${ready.problems.map(p => located(where, m.parsed.text, p)).join('; ')}. Set secrets with "ccmacro: Set Secret…"; \${env:NAME} reads the environment VS Code was started with.`,
    };
  }
  return { ok: true, value: { request: ready.request, secretValues: ready.secretValues, target: ready.target } };
}
