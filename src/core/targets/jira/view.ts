/**
 * The "Jira issue" tab's view model: the issue a request creates or edits, as Jira shows it (summary, type, priority,
 * labels, the description), in plain JSON where every value is text. The webview draws it
 * (src/webview/targets/jira.ts). Node-free: the webview's type graph reaches this file.
 */

export type JiraInline =
  | { kind: 'text'; text: string; marks: string[]; href?: string }
  | { kind: 'mention'; text: string }
  | { kind: 'break' }
  /** An emoji, a date, a status, a card: shown as its text. */
  | { kind: 'chip'; text: string };

export type JiraBlock =
  | { kind: 'paragraph'; inline: JiraInline[] }
  | { kind: 'heading'; level: number; inline: JiraInline[] }
  | { kind: 'list'; ordered: boolean; items: JiraBlock[][] }
  | { kind: 'code'; language?: string; text: string }
  | { kind: 'panel'; panelType: string; blocks: JiraBlock[] }
  | { kind: 'quote'; blocks: JiraBlock[] }
  | { kind: 'rule' }
  /** A node the tab does not draw (a table, media, an extension): its type, and its text. */
  | { kind: 'other'; type: string; text: string };

export interface JiraIssueView {
  /** "Create issue", "Edit issue BETA-12", "Comment on BETA-12", "Transition BETA-12", or "Jira request". */
  heading: string;
  project?: string;
  issueType?: string;
  summary?: string;
  priority?: string;
  labels: string[];
  /** The description (or a comment's body): ADF drawn as blocks, or a v2 string shown as its text (wiki markup). */
  description?: { blocks: JiraBlock[] } | { wiki: string };
  descriptionLabel: string;
  /** Other fields set, by name, as text. */
  otherFields: Array<{ name: string; value: string }>;
  notes: string[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** How deep the tab draws nested blocks (lists in panels in lists …); deeper ones are shown as their text. */
const MAX_DEPTH = 24;

interface JiraViewCall {
  operation?: 'create' | 'update' | 'comment' | 'transition';
  issue?: string;
}

export function jiraIssueView(bodyText: string, call: JiraViewCall | undefined): JiraIssueView {
  const view: JiraIssueView = {
    heading: heading(call),
    labels: [],
    descriptionLabel: 'Description',
    otherFields: [],
    notes: [],
  };
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    view.notes.push('The body is not valid JSON, so Jira would refuse it.');
    return view;
  }
  if (!isObj(body)) {
    view.notes.push('The body is not a JSON object, so Jira would refuse it.');
    return view;
  }
  const fields = isObj(body.fields) ? body.fields : {};
  // Only what the body has: the view is posted as JSON, which has no undefined.
  const set = <K extends 'project' | 'issueType' | 'summary' | 'priority'>(k: K, v: string | undefined) => {
    if (v !== undefined) view[k] = v;
  };
  set('project', nameOf(fields.project, 'key'));
  set('issueType', nameOf(fields.issuetype, 'name'));
  set('summary', str(fields.summary));
  set('priority', nameOf(fields.priority, 'name'));
  if (Array.isArray(fields.labels))
    view.labels = fields.labels.map(l => (typeof l === 'string' ? l : JSON.stringify(l)));
  const rich = call?.operation === 'comment' ? body.body : fields.description;
  if (call?.operation === 'comment') view.descriptionLabel = 'Comment';
  if (typeof rich === 'string') view.description = { wiki: rich };
  else if (isObj(rich)) view.description = { blocks: blocksOf(rich.content, 0) };
  const shown = new Set(['project', 'issuetype', 'summary', 'priority', 'labels', 'description']);
  for (const [k, v] of Object.entries(fields))
    if (!shown.has(k)) view.otherFields.push({ name: k, value: typeof v === 'string' ? v : JSON.stringify(v) });
  if (isObj(body.transition)) view.otherFields.push({ name: 'transition', value: JSON.stringify(body.transition) });
  if (isObj(body.update))
    for (const [k, v] of Object.entries(body.update))
      view.otherFields.push({ name: `update ${k}`, value: JSON.stringify(v) });
  return view;
}

function heading(call: JiraViewCall | undefined): string {
  const key = call?.issue ?? '';
  switch (call?.operation) {
    case 'create':
      return 'Create issue';
    case 'update':
      return `Edit issue ${key}`;
    case 'comment':
      return `Comment on ${key}`;
    case 'transition':
      return `Transition ${key}`;
    default:
      return 'Jira request';
  }
}

function nameOf(v: unknown, prefer: string): string | undefined {
  if (typeof v === 'string') return v;
  if (!isObj(v)) return undefined;
  return (
    str(v[prefer]) ??
    str(v.name) ??
    str(v.key) ??
    str(v.value) ??
    (v.id !== undefined ? `id ${String(v.id)}` : undefined)
  );
}

function blocksOf(content: unknown, depth: number): JiraBlock[] {
  if (!Array.isArray(content)) return [];
  return content.map(n => blockOf(n, depth));
}

function blockOf(n: unknown, depth: number): JiraBlock {
  if (!isObj(n)) return { kind: 'other', type: typeof n, text: '' };
  const type = str(n.type) ?? '?';
  const attrs = isObj(n.attrs) ? n.attrs : {};
  if (depth >= MAX_DEPTH) return { kind: 'other', type, text: textOf(n) };
  switch (type) {
    case 'paragraph':
      return { kind: 'paragraph', inline: inlineOf(n.content) };
    case 'heading':
      return { kind: 'heading', level: typeof attrs.level === 'number' ? attrs.level : 1, inline: inlineOf(n.content) };
    case 'bulletList':
    case 'orderedList':
      return {
        kind: 'list',
        ordered: type === 'orderedList',
        items: (Array.isArray(n.content) ? n.content : []).map(li => blocksOf(isObj(li) ? li.content : [], depth + 1)),
      };
    case 'codeBlock': {
      const language = str(attrs.language);
      return language !== undefined ? { kind: 'code', language, text: textOf(n) } : { kind: 'code', text: textOf(n) };
    }
    case 'panel':
      return { kind: 'panel', panelType: str(attrs.panelType) ?? 'info', blocks: blocksOf(n.content, depth + 1) };
    case 'blockquote':
      return { kind: 'quote', blocks: blocksOf(n.content, depth + 1) };
    case 'rule':
      return { kind: 'rule' };
    default:
      return { kind: 'other', type, text: textOf(n) };
  }
}

function inlineOf(content: unknown): JiraInline[] {
  if (!Array.isArray(content)) return [];
  const out: JiraInline[] = [];
  for (const n of content) {
    if (!isObj(n)) continue;
    const attrs = isObj(n.attrs) ? n.attrs : {};
    switch (n.type) {
      case 'text': {
        const marks = Array.isArray(n.marks) ? n.marks.filter(isObj) : [];
        const link = marks.find(m => m.type === 'link');
        const t: JiraInline = {
          kind: 'text',
          text: str(n.text) ?? '',
          marks: marks.map(m => str(m.type) ?? '').filter(m => m && m !== 'link'),
        };
        const href = link && isObj(link.attrs) ? str(link.attrs.href) : undefined;
        if (href !== undefined) t.href = href;
        out.push(t);
        break;
      }
      case 'hardBreak':
        out.push({ kind: 'break' });
        break;
      case 'mention':
        out.push({ kind: 'mention', text: str(attrs.text) ?? `@${str(attrs.id) ?? 'someone'}` });
        break;
      case 'emoji':
        out.push({ kind: 'chip', text: str(attrs.text) ?? str(attrs.shortName) ?? '' });
        break;
      case 'status':
        out.push({ kind: 'chip', text: str(attrs.text) ?? '' });
        break;
      case 'date':
        out.push({ kind: 'chip', text: dateText(attrs.timestamp) });
        break;
      case 'inlineCard':
        out.push({ kind: 'chip', text: str(attrs.url) ?? '' });
        break;
      default:
        out.push({ kind: 'chip', text: textOf(n) });
    }
  }
  return out;
}

function dateText(ts: unknown): string {
  const n = Number(ts);
  return Number.isFinite(n) ? new Date(n).toISOString().slice(0, 10) : String(ts);
}

/** The text of a node and everything in it, without recursion (a node may nest deeply). */
function textOf(n: unknown): string {
  let out = '';
  const stack: unknown[] = [n];
  while (stack.length) {
    const v = stack.pop();
    if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    else if (isObj(v)) {
      if (typeof v.text === 'string') out += v.text;
      if (Array.isArray(v.content)) stack.push(v.content);
    }
  }
  return out;
}
