import { decodeStringNode } from '../macro/sites';
import { siteAt, valueIndexAt, type MacroAnalysis } from '../tags/locate';
import { scanVars } from '../tags/scanner';
import { visible } from '../common/controlChars';
import type { OffsetRange } from '../common/text';
import type { Environments } from './environments';
import { ENVIRONMENTS_FILE } from './file';

/** The editor's help with `${var:NAME}`: completion after `${` and hover over one, showing each environment's value. */

export interface VarCompletionItem {
  name: string;
  /** Plain text (already valid in a JSON string). */
  insertText: string;
  /** Document range the insert replaces (from `${` through any name and `}` already there). */
  range: OffsetRange;
  filterText: string;
  /** Markdown: the value in each environment. */
  documentation: string;
}

/** Where `${var:…}` is filled in: the URL, header values and body values. */
function varSite(analysis: MacroAnalysis, offset: number) {
  const site = siteAt(analysis, offset);
  if (!site || (site.kind !== 'url' && site.kind !== 'header-value' && site.kind !== 'body')) return undefined;
  return site;
}

export function completeVarAt(
  analysis: MacroAnalysis,
  offset: number,
  envs: Environments,
  active: string | undefined,
): VarCompletionItem[] | undefined {
  const site = varSite(analysis, offset);
  if (!site) return undefined;
  const decoded = decodeStringNode(analysis.parsed.text, site.node);
  const v = decoded.value;
  const idx = valueIndexAt(decoded, offset);
  const open = v.lastIndexOf('${', idx - 2);
  if (open < 0 || idx < 2) return undefined;
  const typed = v.slice(open + 2, idx);
  if (!/^(v|va|var|var:[A-Za-z0-9_]*)?$/.test(typed)) return undefined;
  let end = idx;
  while (end < v.length && /[A-Za-z0-9_:]/.test(v[end])) end++;
  if (v[end] === '}') end++;
  const so = decoded.sourceOffsets;
  const range = { start: so[open], end: so[end] };
  return envs.varNames().map(name => ({
    name,
    insertText: `\${var:${name}}`,
    range,
    filterText: `\${var:${name}}`,
    documentation: valuesMarkdown(name, envs, active),
  }));
}

/** The `${var:NAME}` under the cursor, with each environment's value. */
export function varHoverAt(
  analysis: MacroAnalysis,
  offset: number,
  envs: Environments | undefined,
  active: string | undefined,
): { range: OffsetRange; markdown: string } | undefined {
  const site = varSite(analysis, offset);
  if (!site) return undefined;
  const decoded = decodeStringNode(analysis.parsed.text, site.node);
  const idx = valueIndexAt(decoded, offset);
  const hit = scanVars(decoded.value).find(t => t.start <= idx && idx <= t.end);
  if (!hit) return undefined;
  const so = decoded.sourceOffsets;
  const range = { start: so[hit.start], end: so[hit.end] };
  if (!envs)
    return {
      range,
      markdown: `**\${var:${hit.name}}**: a value from the active environment. There is no \`${ENVIRONMENTS_FILE}\` in this folder or above: run **ccmacro: New Environment File**.`,
    };
  return { range, markdown: valuesMarkdown(hit.name, envs, active) };
}

/** A Markdown table cell's text: visible control characters, no table or Markdown syntax taking effect. */
function cell(s: string): string {
  return visible(s).replace(/[\\`*_{}[\]()#+\-.!|<>]/g, c => `\\${c}`);
}

function valuesMarkdown(name: string, envs: Environments, active: string | undefined): string {
  const rows = envs.valuesOf(name).map(({ environment, value }) => {
    const from = value ? (value.section === environment ? '' : ` (from ${cell(value.section)})`) : '';
    const shown = value ? `${cell(value.value)}${from}` : '*no value*';
    const mark = environment === active ? ' ← active' : '';
    const confirm = envs.confirm(environment) ? ' (asks before sending)' : '';
    return `| ${cell(environment)}${confirm}${mark} | ${shown} |`;
  });
  return [`**\${var:${name}}**`, '', '| Environment | Value |', '| --- | --- |', ...rows].join('\n');
}
