import { modify } from 'jsonc-parser';
import { nodeAtPath, type PathSegment } from '../../common/jsonPath';
import type { ParsedMacro } from '../../macro/parse';
import type { MacroFix, TargetFixes } from '../types';
import { RICH_TEXT_FIELDS } from './fields';
import { jiraCall } from './request';

/** The rich-text places of a body a v3 request must hold an ADF document in. */
const SITES: readonly PathSegment[][] = [...[...RICH_TEXT_FIELDS].map(f => ['fields', f]), ['body']];

/** A plain text as an ADF document: one paragraph per line (an empty line makes none: ADF has no empty text). */
function adfFromText(text: string): Record<string, unknown> {
  const lines = text.split(/\r\n|[\r\n\u2028\u2029]/).filter(l => l !== '');
  return {
    type: 'doc',
    version: 1,
    content: lines.map(line => ({ type: 'paragraph', content: [{ type: 'text', text: line }] })),
  };
}

/**
 * The quick fix for `render/jira-adf-string`: each rich-text field of a REST v3 macro written as a plain string
 * becomes an Atlassian document holding the same text, a paragraph per line (tags stay where they were). Computed
 * from the macro's text, so the editor (a WorkspaceEdit) and the CLI get the same edits. Undefined: nothing to wrap.
 */
function wrapInAdfFix(parsed: ParsedMacro): MacroFix | undefined {
  const request = parsed.macro?.request;
  const url = typeof request?.url === 'string' ? request.url : '';
  if (jiraCall(typeof request?.method === 'string' ? request.method : 'POST', url)?.version !== 3) return undefined;
  const edits: MacroFix['edits'] = [];
  for (const site of SITES) {
    const node = nodeAtPath(parsed.root, ['request', 'body', ...site]);
    if (node?.type !== 'string') continue;
    for (const e of modify(parsed.text, ['request', 'body', ...site], adfFromText(String(node.value)), {
      formattingOptions: { insertSpaces: true, tabSize: 2 },
    }))
      edits.push({ start: e.offset, end: e.offset + e.length, newText: e.content });
  }
  return edits.length ? { title: 'Wrap the text in an Atlassian document (a paragraph per line)', edits } : undefined;
}

export const JIRA_FIXES: TargetFixes = {
  codes: ['render/jira-adf-string'],
  fix: parsed => wrapInAdfFix(parsed),
};
