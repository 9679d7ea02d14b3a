/**
 * The "Jira issue" tab: the issue drawn roughly as Jira shows it (the breadcrumb with the type and key, the summary,
 * the details: priority and labels, then the description with headings, lists, code blocks, panels, links and
 * mentions), from the view model src/core/targets/jira/view.ts makes. Every value is text (textContent); links show
 * their address on hover and are never followed.
 */
import type { TargetTabReport } from '../../core/preview/messages';
import type { JiraBlock, JiraInline, JiraIssueView } from '../../core/targets/jira/view';
import { el } from '../dom';
import type { TargetDrawing } from './drawing';

export const jiraDrawing: TargetDrawing<JiraIssueView> = {
  draw: (view, root) => drawJira(view, root),
  report: (root): TargetTabReport => ({
    text: root.textContent ?? '',
    highlightCount: 0,
    linkCount: root.getElementsByTagName('a').length,
    emphasis: Array.from(root.querySelectorAll('strong, em')).map(e => e.textContent ?? ''),
    values: [],
  }),
};

function drawJira(view: JiraIssueView | undefined, root: HTMLElement): void {
  root.replaceChildren();
  if (!view) {
    root.appendChild(el('p', 'jira-note', 'The request does not render, so there is no issue to show.'));
    return;
  }
  const issue = el('div', 'jira-issue');
  const crumb = el('div', 'jira-breadcrumb');
  crumb.appendChild(el('span', 'jira-project', view.project ?? 'Project'));
  crumb.appendChild(document.createTextNode(' / '));
  if (view.issueType) crumb.appendChild(el('span', 'jira-type', view.issueType));
  crumb.appendChild(el('span', 'jira-operation', view.heading));
  issue.appendChild(crumb);
  issue.appendChild(el('h1', 'jira-summary', view.summary ?? '(no summary)'));
  const details = el('dl', 'jira-details');
  const detail = (name: string, value: HTMLElement) => {
    details.appendChild(el('dt', undefined, name));
    const dd = el('dd');
    dd.appendChild(value);
    details.appendChild(dd);
  };
  if (view.priority !== undefined) detail('Priority', el('span', 'jira-priority', view.priority));
  if (view.labels.length) {
    const chips = el('span', 'jira-labels');
    for (const l of view.labels) chips.appendChild(el('span', 'jira-label', l));
    detail('Labels', chips);
  }
  for (const f of view.otherFields) detail(f.name, el('span', 'jira-field', f.value));
  if (details.childElementCount) issue.appendChild(details);
  if (view.description) {
    issue.appendChild(el('h2', 'jira-section', view.descriptionLabel));
    const d = el('div', 'jira-description');
    if ('wiki' in view.description) d.appendChild(el('pre', 'jira-wiki', view.description.wiki));
    else for (const b of view.description.blocks) d.appendChild(drawBlock(b));
    issue.appendChild(d);
  }
  for (const n of view.notes) issue.appendChild(el('p', 'jira-note', n));
  root.appendChild(issue);
}

const HEADINGS = ['h3', 'h4', 'h5', 'h6', 'h6', 'h6'] as const;

function drawBlock(b: JiraBlock): HTMLElement {
  switch (b.kind) {
    case 'paragraph':
      return inline(el('p'), b.inline);
    case 'heading':
      // The summary is the page's h1 and "Description" its h2: a level-1 heading is drawn as h3, and so on.
      return inline(el(HEADINGS[Math.min(5, Math.max(0, Math.round(b.level) - 1))], 'jira-heading'), b.inline);
    case 'list': {
      const list = el(b.ordered ? 'ol' : 'ul');
      for (const item of b.items) {
        const li = el('li');
        for (const c of item) li.appendChild(drawBlock(c));
        list.appendChild(li);
      }
      return list;
    }
    case 'code': {
      const pre = el('pre', 'jira-code', b.text);
      if (b.language) pre.title = b.language;
      return pre;
    }
    case 'panel': {
      const panel = el('div', `jira-panel jira-panel-${b.panelType.replace(/[^a-z]/g, '')}`);
      for (const c of b.blocks) panel.appendChild(drawBlock(c));
      return panel;
    }
    case 'quote': {
      const q = el('blockquote', 'jira-quote');
      for (const c of b.blocks) q.appendChild(drawBlock(c));
      return q;
    }
    case 'rule':
      return el('hr');
    case 'other':
      return el('div', 'jira-other', `[${b.type}] ${b.text}`);
  }
}

function inline(parent: HTMLElement, nodes: readonly JiraInline[]): HTMLElement {
  for (const n of nodes) {
    if (n.kind === 'break') parent.appendChild(el('br'));
    else if (n.kind === 'mention') parent.appendChild(el('span', 'jira-mention', n.text));
    else if (n.kind === 'chip') parent.appendChild(el('span', 'jira-chip', n.text));
    else {
      let e: HTMLElement = el('span', undefined, n.text);
      for (const m of n.marks) {
        const tag =
          m === 'strong'
            ? 'strong'
            : m === 'em'
              ? 'em'
              : m === 'code'
                ? 'code'
                : m === 'strike'
                  ? 's'
                  : m === 'underline'
                    ? 'u'
                    : undefined;
        if (!tag) continue;
        const w = el(tag);
        w.appendChild(e);
        e = w;
      }
      if (n.href !== undefined) {
        const link = el('span', 'jira-link');
        link.title = n.href;
        link.appendChild(e);
        e = link;
      }
      parent.appendChild(e);
    }
  }
  return parent;
}
