/**
 * The Azure DevOps tab: the work item a create or update makes, drawn roughly as Azure DevOps' work item form shows
 * it (type and id, title, State/Area/Iteration and the other short fields, the HTML fields, links), from the view
 * model src/core/targets/azure-devops/view.ts makes. HTML fields arrive as a safe tree of allowed tags; every text
 * is set with textContent, links show their address on hover and are never followed.
 */
import type { TargetTabReport } from '../../core/preview/messages';
import type { AzureDevOpsWorkItemView, HtmlNode } from '../../core/targets/azure-devops/view';
import { el } from '../dom';
import type { TargetDrawing } from './drawing';

export const azureDevOpsDrawing: TargetDrawing<AzureDevOpsWorkItemView> = {
  draw: (view, root) => drawWorkItem(view, root),
  report: (root): TargetTabReport => ({
    text: root.textContent ?? '',
    highlightCount: 0,
    linkCount: root.getElementsByTagName('a').length,
    emphasis: Array.from(root.querySelectorAll('strong, em, b, i')).map(e => e.textContent ?? ''),
    values: [],
  }),
};

function drawWorkItem(view: AzureDevOpsWorkItemView | undefined, root: HTMLElement): void {
  root.replaceChildren();
  if (!view) {
    root.appendChild(el('div', 'notice', 'Nothing to draw until the request renders (see Problems).'));
    return;
  }
  const card = el('div', 'ado-work-item');
  const head = el('div', 'ado-head');
  const what =
    view.operation === 'create'
      ? `New ${view.type || 'work item'}`
      : view.operation === 'update'
        ? `Update of work item ${view.id ?? ''}`.trim()
        : 'Work item';
  head.appendChild(el('span', 'ado-type', what));
  card.appendChild(head);
  card.appendChild(el('div', 'ado-title', view.title ?? (view.operation === 'create' ? '(no title)' : '')));
  if (view.facts.length) {
    const facts = el('table', 'ado-facts');
    for (const f of view.facts) {
      const tr = el('tr');
      const th = el('th', undefined, f.label);
      th.title = f.field;
      tr.append(th, el('td', undefined, f.value));
      facts.appendChild(tr);
    }
    card.appendChild(facts);
  }
  for (const s of view.sections) {
    const section = el('div', 'ado-section');
    const label = el('div', 'ado-section-label', s.label);
    label.title = s.field;
    const body = el('div', 'ado-html');
    appendHtml(body, s.html);
    section.append(label, body);
    card.appendChild(section);
  }
  if (view.links.length) {
    const links = el('div', 'ado-section');
    links.appendChild(el('div', 'ado-section-label', 'Links'));
    for (const l of view.links) {
      const row = el('div', 'ado-link-row');
      row.appendChild(el('span', 'ado-rel', l.rel));
      const u = el('span', 'ado-link', l.comment || l.url);
      u.title = l.url;
      row.appendChild(u);
      links.appendChild(row);
    }
    card.appendChild(links);
  }
  if (view.removed.length) card.appendChild(el('div', 'ado-removed', `Cleared: ${view.removed.join(', ')}`));
  root.appendChild(card);
  for (const n of view.notes) root.appendChild(el('div', 'ado-note', n));
}

/** The safe tree as elements: each node's tag is one the core allowed; text only through text nodes. */
function appendHtml(parent: HTMLElement, nodes: readonly HtmlNode[]): void {
  for (const n of nodes) {
    if ('text' in n) {
      parent.appendChild(document.createTextNode(n.text));
      continue;
    }
    if (n.tag === 'a') {
      const a = el('span', 'ado-link');
      if (n.href !== undefined) a.title = n.href;
      appendHtml(a, n.children);
      parent.appendChild(a);
      continue;
    }
    const e = document.createElement(n.tag);
    appendHtml(e, n.children);
    parent.appendChild(e);
  }
}
