import { tagAt, type MacroAnalysis } from './locate';

interface TagFix {
  title: string;
  /** Replace [start, end) of the document with newText. */
  start: number;
  end: number;
  newText: string;
}

/**
 * Fixes for an unterminated `((` at the offset: close it after the name, or make the parentheses
 * plain text with the escape (written `\\((` in JSON source).
 */
export function unterminatedTagFixes(analysis: MacroAnalysis, offset: number): TagFix[] {
  const hit = tagAt(analysis, offset);
  if (!hit || hit.token.kind !== 'unterminated') return [];
  const { token, decoded } = hit;
  const v = decoded.value;
  let nameEnd = token.end;
  while (nameEnd > token.nameStart && (v[nameEnd - 1] === ' ' || v[nameEnd - 1] === '\t')) nameEnd--;
  const so = decoded.sourceOffsets;
  const fixes: TagFix[] = [];
  const syntax = analysis.parsed.tagSyntax;
  if (token.name) {
    const at = so[nameEnd];
    fixes.push({ title: `Close the tag: ${syntax.wrap(token.name)}`, start: at, end: at, newText: syntax.close });
  }
  const open = so[token.start];
  fixes.push({ title: `Keep ${syntax.open} as plain text (escape it)`, start: open, end: open, newText: '\\\\' });
  return fixes;
}
