import type { TargetTemplate } from './types';

/**
 * The text of a new macro file made from a target's template (src/core/targets/<id>/templates.ts): JSON with the
 * template's comment on top and 2-space indent. Each template validates with no errors as written; secrets are
 * `${secret:NAME}` placeholders, never values.
 */
export function macroTemplateText(template: TargetTemplate, targetId: string, name: string): string {
  const macro: Record<string, unknown> = {
    version: 1,
    name,
    description: template.description + '.',
    scope: 'feedback',
    feedbackTypes: ['Issue'],
    showInFeedbackManagement: true,
    triggers: ['manual'],
  };
  if (template.statesTarget) macro.target = targetId;
  macro.request = template.request;
  if (template.returnValues) macro.returnValues = template.returnValues;
  const comment = template.comment.map(line => `// ${line}`).join('\n');
  return `${comment}\n${formatCompact(macro, '')}\n`;
}

/** JSON with 2-space indent, except that short arrays and objects of plain values stay on one line. */
function formatCompact(value: unknown, indent: string): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const plain = (v: unknown) => v === null || typeof v !== 'object';
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    const oneLine = `[${value.map(v => JSON.stringify(v)).join(', ')}]`;
    if (value.every(plain) && oneLine.length + indent.length <= 80) return oneLine;
    return `[\n${value.map(v => inner + formatCompact(v, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  const oneLine = `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')} }`;
  if (entries.every(([, v]) => plain(v)) && oneLine.length + indent.length <= 80) return oneLine;
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatCompact(v, inner)}`).join(',\n')}\n${indent}}`;
}
