import type * as vscode from 'vscode';
import type { ParsedMacro } from '../../core/macro/parse';
import type { Problem } from '../../core/common/problem';
import type { LoadedSample } from '../../core/samples/load';
import type { SampleItem } from '../../core/samples/types';
import type { OutgoingRequest } from '../../core/send/types';
import type { SecretResolver } from '../../core/host';
import { LineIndex } from '../../core/common/text';
import type { CcmacroService } from '../../core';
import type { Result } from '../../core/common/result';
import { coreDir, corePath, displayPath } from '../workspace';
import { macroDisplayName } from '../../core/macro/model';

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
  isSlack: boolean;
}

function located(doc: vscode.TextDocument, text: string, p: Problem): string {
  const line = new LineIndex(text).positionAt(p.range.start).line + 1;
  return `${p.message} (${displayPath(doc.uri)}, line ${line})`;
}

/** Parse the macro and load its sample (the first of its `samples`, else the built-in one for its scope). */
export async function loadMacroToSend(
  core: CcmacroService,
  doc: vscode.TextDocument,
  choice: { sample?: string; index?: number } = {},
): Promise<Result<MacroToSend>> {
  const { loadMacroForSend } = await import('../../core/send/prepare');
  const loaded = await loadMacroForSend(doc.getText(), coreDir(doc.uri), core.fs, {
    sample: choice.sample,
    index: choice.index ?? 0,
  });
  const { parsed } = loaded;
  if ((!loaded.ok && loaded.stage === 'syntax') || !parsed.macro) {
    const syntax = parsed.syntaxProblems.find(p => p.severity === 'error');
    return {
      ok: false,
      error: `The macro file has a JSON error, so it cannot be sent: ${syntax ? located(doc, parsed.text, syntax) : 'it is not a JSON object'}.`,
    };
  }
  const macroName = macroDisplayName(parsed.macro, corePath(doc.uri));
  if (!loaded.ok) {
    const { sample } = loaded;
    const p = loaded.problems[0];
    const where =
      p && sample.text !== undefined
        ? ` (${sample.name}, line ${new LineIndex(sample.text).positionAt(p.range.start).line + 1})`
        : '';
    return {
      ok: false,
      error: `"${macroName}" cannot be sent: the sample ${sample.name} gives no item to render. ${p ? p.message + where : 'It is empty.'}`,
    };
  }
  return { ok: true, value: { doc, parsed, macroName, sample: loaded.sample } };
}

/** Render one sample item and resolve its ${secret:}/${env:} placeholders (asking for unknown secrets). */
export async function renderAndResolve(
  m: MacroToSend,
  item: SampleItem,
  resolver: SecretResolver,
): Promise<Result<ReadyRequest>> {
  const { prepareRequest } = await import('../../core/send/prepare');
  const ready = await prepareRequest(m.parsed, item, resolver);
  if (!ready.ok && ready.stage === 'render') {
    const [firstError] = ready.problems;
    const more = ready.problems.length - 1;
    const why = firstError ? located(m.doc, m.parsed.text, firstError) : 'it could not be rendered';
    return {
      ok: false,
      error: `"${m.macroName}" was not sent: ${why}${more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'}; see the Problems panel)` : ''}.`,
    };
  }
  if (!ready.ok) {
    const names = ready.missing.map(x => `\${${x.kind}:${x.name}}`);
    return {
      ok: false,
      error: `"${m.macroName}" was not sent: no value for ${names.join(', ')}. Set secrets with "ccmacro: Set Secret…"; \${env:NAME} reads the environment VS Code was started with.`,
    };
  }
  return { ok: true, value: { request: ready.request, secretValues: ready.secretValues, isSlack: ready.isSlack } };
}
