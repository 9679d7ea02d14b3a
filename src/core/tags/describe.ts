import * as path from 'node:path';
import type { TagCatalog, TagDefinition, TagSource } from './catalog';
import { SampleNumber } from '../samples/types';

/** Plain words for where a tag comes from, paths relative to the macro's folder when given. */
function describeSource(source: TagSource, macroDir?: string): string {
  if (source.kind === 'builtin') return 'built-in catalog';
  const p = macroDir
    ? path.relative(macroDir, source.path).split(path.sep).join('/') || path.basename(source.path)
    : source.path;
  if (source.kind === 'returnValue') return `returnValues of ${p}`;
  return source.kind === 'project' ? `project catalog ${p}` : `sample file ${p}`;
}

/** "saved by Create Jira issue from key" (and how many more macros save it), for an external-data tag. */
function savedByText(def: TagDefinition): string | undefined {
  const savers = def.sources.filter(s => s.kind === 'returnValue');
  if (savers.length === 0) return undefined;
  const first = savers[0];
  const more = savers.length > 1 ? ` (and ${savers.length - 1} more macro${savers.length > 2 ? 's' : ''})` : '';
  return `saved by ${first.macroName} from ${first.field}${more}`;
}

/** A value as short inline markdown code (one line, at most ~120 characters). */
function inlineValue(value: unknown): string {
  let s =
    typeof value === 'string'
      ? value
      : value instanceof SampleNumber
        ? value.text
        : (JSON.stringify(value) ?? String(value));
  s = s.replace(/\r\n|\r|\n|\u2028|\u2029/g, '⏎').replace(/[\u0000-\u001f\u007f]/g, '�');
  if (s.length > 120) s = s.slice(0, 117) + '…';
  if (s === '') return '*(empty)*';
  const fence = s.includes('`') ? '`` ' : '`';
  return fence + s + (fence === '`' ? '`' : ' ``');
}

function sampleValueLine(def: TagDefinition, catalog: TagCatalog, macroDir?: string): string | undefined {
  if (!catalog.sampleValues.has(def.name)) return undefined;
  const a = catalog.activeSample;
  const name = !a
    ? ''
    : a.path.startsWith('builtin:')
      ? `built-in sample ${a.path.slice('builtin:'.length)}`
      : describeSource({ kind: 'sample', path: a.path, offset: 0, length: 0 }, macroDir).replace(/^sample file /, '');
  const from = a ? ` (${name} [${a.index}])` : '';
  return `Sample value${from}: ${inlineValue(catalog.sampleValues.get(def.name))}`;
}

/** The markdown shown in completion details and hovers. */
export function describeTag(def: TagDefinition, catalog: TagCatalog, macroDir?: string): string {
  const lines: string[] = [];
  if (def.description) lines.push(escapeMarkdown(def.description));
  for (const s of def.sources)
    if (s.kind === 'returnValue')
      lines.push(
        `External data saved by **${escapeMarkdown(s.macroName)}** from ${inlineValue(s.field)} of its response (Centercode fills it in once that macro has run on the record).`,
      );
  const sample = sampleValueLine(def, catalog, macroDir);
  if (sample) lines.push(sample);
  if (def.example !== undefined) lines.push(`Example: ${inlineValue(def.example)}`);
  lines.push(`Defined in: ${def.sources.map(s => describeSource(s, macroDir)).join(', ')}`);
  return lines.join('\n\n');
}

export function tagDetail(def: TagDefinition): string {
  const saved = def.sources.some(s => s.kind === 'builtin' || s.kind === 'project') ? undefined : savedByText(def);
  if (saved) return `external data · ${saved}`;
  return `${def.type} · ${def.scope === 'both' ? 'feedback and user' : def.scope} tag`;
}

function escapeMarkdown(s: string): string {
  return s.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}
