import type { Node } from 'jsonc-parser';
import type { FieldEncoding } from '../../render/fields';
import { escapeWiki } from './wiki';

/**
 * How values are written into a Jira request body, by the kind of field (docs/jira.md, "Values"):
 *  - `adf-text`: the `text` of an ADF text node (REST v3 rich text): ADF has no markup inside a text node, so the value
 *    is its text as it is (only JSON-escaped). A value is never a node or a mark: it is JSON string content, never
 *    parsed, and a tag written in a node's `type` makes an unknown node the ADF check reports;
 *  - `summary`: the issue summary, one line: a value's line breaks are flattened to one space (Jira refuses a summary
 *    with a line break), with a warning at the tag;
 *  - `wiki`: a rich-text string of REST v2 (Server/Data Center, Cloud v2): description, environment, a comment's
 *    body, shown with Jira's wiki renderer: escaped so it shows literally (wiki.ts);
 *  - `plain`: every other field (keys, names, labels, custom text fields): the value as it is.
 */
type JiraFieldKind = 'adf-text' | 'summary' | 'wiki' | 'plain';

/** Fields that hold rich text: an ADF document in v3, a wiki-markup string in v2. */
export const RICH_TEXT_FIELDS = new Set(['description', 'environment']);

/** Line breaks as Jira's summary check sees them (CR, LF, and the Unicode line and paragraph separators). */
export const LINE_BREAK = /[\r\n\u2028\u2029]/;

/** A summary value on one line: each run of line breaks (with the spaces around it) becomes one space. */
function flattenSummary(value: string): string {
  return value.replace(/[ \t]*[\r\n\u2028\u2029]+[ \t]*/g, ' ');
}

function keyOf(n: Node | undefined): string | undefined {
  const prop = n?.parent;
  if (prop?.type !== 'property' || prop.children?.[1] !== n) return undefined;
  const k: unknown = prop.children?.[0]?.value;
  return typeof k === 'string' ? k : undefined;
}

/** The value of property `name` of an object node, when it is a literal string. */
function literal(obj: Node | undefined, name: string): string | undefined {
  for (const p of obj?.children ?? []) {
    const [k, v] = p.children ?? [];
    if (k?.value === name && v?.type === 'string') return String(v.value);
  }
  return undefined;
}

/** The property key that holds an object or array node, skipping array levels (`comment: [{ add: … }]`). */
function holderKey(n: Node | undefined): string | undefined {
  let cur = n;
  while (cur?.parent?.type === 'array') cur = cur.parent;
  return keyOf(cur);
}

function jiraFieldOf(node: Node): JiraFieldKind {
  const key = keyOf(node);
  const obj = node.parent?.parent;
  if (!key || !obj) return 'plain';
  if (key === 'text' && literal(obj, 'type') === 'text') return 'adf-text';
  if (key === 'summary' && holderKey(obj) === 'fields') return 'summary';
  // `update: { summary: [{ set: "…" }] }`
  if (key === 'set' && holderKey(obj) === 'summary') return 'summary';
  if (RICH_TEXT_FIELDS.has(key) && holderKey(obj) === 'fields') return 'wiki';
  if (key === 'body') return 'wiki';
  if ((key === 'set' || key === 'add') && RICH_TEXT_FIELDS.has(holderKey(obj) ?? '')) return 'wiki';
  return 'plain';
}

const CREATE = (fields: Record<string, unknown>) => ({
  fields: { project: { key: 'BETA' }, issuetype: { name: 'Bug' }, summary: 'A summary', ...fields },
});

export const JIRA_FIELDS: FieldEncoding<JiraFieldKind> = {
  defaultKind: 'plain',
  kindOf: ({ node }) => jiraFieldOf(node),
  kinds: {
    'adf-text': {
      description:
        'the text of an Atlassian Document Format text node (REST v3 description, environment, comment body): the value is the text as it is',
      encode: v => v,
      example: {
        body: CREATE({
          description: {
            type: 'doc',
            version: 1,
            content: [{ type: 'paragraph', content: [{ type: 'text', text: '((Value))' }] }],
          },
        }),
        path: ['fields', 'description', 'content', 0, 'content', 0, 'text'],
      },
    },
    summary: {
      description: "the issue's summary: one line, so a value's line breaks become spaces",
      encode: flattenSummary,
      refuse: (v, tag) =>
        LINE_BREAK.test(v)
          ? {
              code: 'render/jira-summary-line-break',
              severity: 'warning',
              message: `The value of ${tag} has a line break; Jira refuses a summary with one ("The summary is invalid because it contains newline characters"), so it is sent on one line, each line break replaced by a space`,
            }
          : undefined,
      example: { body: CREATE({ summary: '((Value))' }), path: ['fields', 'summary'] },
    },
    wiki: {
      description:
        'a rich-text string of REST v2 (Jira Server/Data Center, Cloud v2): description, environment, a comment body, shown as wiki markup: escaped so it shows literally',
      encode: escapeWiki,
      example: { body: CREATE({ description: 'Reported: ((Value))' }), path: ['fields', 'description'] },
    },
    plain: {
      description: 'any other field (keys, names, labels, single-line custom fields): the value as it is',
      encode: v => v,
      example: { body: CREATE({ labels: ['((Value))'] }), path: ['fields', 'labels', 0] },
    },
  },
};
