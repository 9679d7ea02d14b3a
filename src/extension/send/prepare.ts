import * as vscode from 'vscode';
import { parseMacro, type ParsedMacro } from '../../core/macro/parse';
import type { Problem } from '../../core/problem';
import type { LoadedSample } from '../../core/samples';
import type { SampleItem } from '../../core/render/types';
import type { OutgoingRequest } from '../../core/send/types';
import type { PlaceholderValues } from '../../core/secretVault';
import { LineIndex } from '../../core/text';
import { WorkspaceFiles } from './workspaceFiles';

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

export type Result<T> = { ok: true; value: T } | { ok: false; message: string };

function located(doc: vscode.TextDocument, text: string, p: Problem): string {
  const line = new LineIndex(text).positionAt(p.range.start).line + 1;
  return `${p.message} (${vscode.workspace.asRelativePath(doc.uri)}, line ${line})`;
}

/** Parse the macro and load its sample (the first of its `samples`, else the built-in one for its scope). */
export async function loadMacroToSend(doc: vscode.TextDocument, choice: { sample?: string; index?: number } = {}): Promise<Result<MacroToSend>> {
  const parsed = parseMacro(doc.getText());
  const syntax = parsed.syntaxProblems.find(p => p.severity === 'error');
  if (syntax || !parsed.macro) {
    return { ok: false, message: `The macro file has a JSON error, so it cannot be sent: ${syntax ? located(doc, parsed.text, syntax) : 'it is not a JSON object'}.` };
  }
  const macroName = typeof parsed.macro.name === 'string' && parsed.macro.name ? parsed.macro.name : 'unnamed macro';
  const { loadSampleForMacro } = await import('../../core/samples');
  const files = new WorkspaceFiles(doc.uri);
  const sample = await loadSampleForMacro(parsed, WorkspaceFiles.dirOf(doc.uri), files, { sample: choice.sample, index: choice.index ?? 0 });
  if (!sample.item) {
    const p = sample.problems.find(x => x.severity === 'error');
    const where = p && sample.text !== undefined ? ` (${sample.name}, line ${new LineIndex(sample.text).positionAt(p.range.start).line + 1})` : '';
    return { ok: false, message: `"${macroName}" cannot be sent: the sample ${sample.name} gives no item to render. ${p ? p.message + where : 'It is empty.'}` };
  }
  return { ok: true, value: { doc, parsed, macroName, sample } };
}

/** Render one sample item and resolve its ${secret:}/${env:} placeholders (asking for unknown secrets). */
export async function renderAndResolve(m: MacroToSend, item: SampleItem, resolver: PlaceholderValues): Promise<Result<ReadyRequest>> {
  const { renderMacro } = await import('../../core/render/render');
  const rendered = renderMacro(m.parsed, { sample: item });
  const firstError = rendered.problems.find(p => p.severity === 'error');
  if (firstError || !rendered.request) {
    const more = rendered.problems.filter(p => p.severity === 'error').length - 1;
    const why = firstError ? located(m.doc, m.parsed.text, firstError) : 'it could not be rendered';
    return { ok: false, message: `"${m.macroName}" was not sent: ${why}${more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'}; see the Problems panel)` : ''}.` };
  }
  const { resolvePlaceholders } = await import('../../core/secrets');
  const resolved = await resolvePlaceholders(rendered.request, resolver);
  if (resolved.missing.length > 0) {
    const names = resolved.missing.map(describeMissing);
    return {
      ok: false,
      message: `"${m.macroName}" was not sent: no value for ${names.join(', ')}. Set secrets with "ccmacro: Set Secret…"; \${env:NAME} reads the environment VS Code was started with.`,
    };
  }
  const r = resolved.request;
  const request: OutgoingRequest = { method: r.method, url: r.url, headers: r.headers.map(h => ({ name: h.name, value: h.value })) };
  if (r.body !== undefined) request.body = r.body;
  else if (r.bodyText !== undefined) request.body = r.bodyText;
  return { ok: true, value: { request, secretValues: [...resolved.secretValues], isSlack: rendered.isSlack } };
}

function describeMissing(m: unknown): string {
  if (typeof m === 'string') return m.startsWith('${') ? m : `\${${m}}`;
  if (m && typeof m === 'object' && 'name' in m) {
    const o = m as { kind?: string; name: string };
    return `\${${o.kind ?? 'secret'}:${o.name}}`;
  }
  return String(m);
}
