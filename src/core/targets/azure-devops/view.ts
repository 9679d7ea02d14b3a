import { isObject } from '../../common/objects';
import type { PreviewRender } from '../types';
import { fieldOfPath, isHtmlField, isTitleField } from './fields';
import { safeHtml, type HtmlNode } from './html';
import { operationOf } from './patch';
import { workItemAddress } from './url';

/**
 * The "Azure DevOps work item" tab's view model: the work item a create or update would make, as Azure DevOps'
 * work item form shows it (type, id, title, state, area and iteration, the other fields, the HTML fields drawn from
 * a safe tree, the links). Plain JSON, every value text: the webview draws it with textContent.
 */
export interface AzureDevOpsWorkItemView {
  operation: 'create' | 'update' | 'other';
  /** The work item type of a create ("Bug"), from the address. */
  type?: string;
  /** The id of an update, from the address. */
  id?: string;
  title?: string;
  /** Short fields (State, Area, Iteration, Assigned To, Tags, …) in the order the patch sets them. */
  facts: Array<{ label: string; field: string; value: string }>;
  /** HTML fields, each as a safe tree. */
  sections: Array<{ label: string; field: string; html: HtmlNode[] }>;
  links: Array<{ rel: string; url: string; comment?: string }>;
  /** Fields the patch removes. */
  removed: string[];
  notes: string[];
}

export type { HtmlNode } from './html';

/** Labels Azure DevOps shows for the common reference names; others show their reference name's last part. */
const LABELS: Record<string, string> = {
  'system.title': 'Title',
  'system.state': 'State',
  'system.reason': 'Reason',
  'system.areapath': 'Area',
  'system.iterationpath': 'Iteration',
  'system.assignedto': 'Assigned To',
  'system.tags': 'Tags',
  'system.description': 'Description',
  'system.history': 'Discussion',
  'microsoft.vsts.tcm.reprosteps': 'Repro Steps',
  'microsoft.vsts.tcm.systeminfo': 'System Info',
  'microsoft.vsts.common.acceptancecriteria': 'Acceptance Criteria',
  'microsoft.vsts.common.priority': 'Priority',
  'microsoft.vsts.common.severity': 'Severity',
};

/** The fields shown first, in this order (as the work item form's header does). */
const FIRST = ['system.state', 'system.reason', 'system.areapath', 'system.iterationpath', 'system.assignedto'];

function fieldLabel(field: string): string {
  return LABELS[field.toLowerCase()] ?? field.split('.').pop() ?? field;
}

export function workItemView({ bodyText, url = '', method = 'POST' }: PreviewRender): AzureDevOpsWorkItemView {
  const address = workItemAddress(url);
  const view: AzureDevOpsWorkItemView = {
    operation: operationOf(address, method.toUpperCase()),
    facts: [],
    sections: [],
    links: [],
    removed: [],
    notes: [],
  };
  if (address.type !== undefined) view.type = address.type;
  if (address.id !== undefined) view.id = address.id;
  let payload: unknown;
  try {
    payload = JSON.parse(bodyText);
  } catch {
    view.notes.push('The body is not valid JSON, so Azure DevOps would refuse it (see Problems).');
    return view;
  }
  if (!Array.isArray(payload)) {
    view.notes.push('The body is not a JSON Patch document (a list of operations), so Azure DevOps would refuse it.');
    return view;
  }
  for (const o of payload) {
    if (!isObject(o) || typeof o.path !== 'string') continue;
    if (o.path === '/relations/-' && o.op === 'add' && isObject(o.value)) {
      const { rel, url: href, attributes } = o.value;
      const link: AzureDevOpsWorkItemView['links'][number] = { rel: text(rel), url: text(href) };
      if (isObject(attributes) && attributes.comment !== undefined) link.comment = text(attributes.comment);
      view.links.push(link);
      continue;
    }
    const field = fieldOfPath(o.path);
    if (field === undefined) continue;
    if (o.op === 'remove') {
      view.removed.push(fieldLabel(field));
      continue;
    }
    if (o.op !== 'add' && o.op !== 'replace') continue;
    setField(view, field, o.value);
  }
  const rank = (f: string) => {
    const i = FIRST.indexOf(f.toLowerCase());
    return i < 0 ? FIRST.length : i;
  };
  view.facts.sort((a, b) => rank(a.field) - rank(b.field));
  return view;
}

function setField(view: AzureDevOpsWorkItemView, field: string, value: unknown): void {
  const label = fieldLabel(field);
  if (isTitleField(field)) {
    view.title = text(value);
    return;
  }
  const drop = <T extends { field: string }>(list: T[]) => {
    const at = list.findIndex(x => x.field.toLowerCase() === field.toLowerCase());
    if (at >= 0) list.splice(at, 1);
  };
  if (isHtmlField(field) && typeof value === 'string') {
    drop(view.sections);
    view.sections.push({ label, field, html: safeHtml(value) });
    return;
  }
  drop(view.facts);
  view.facts.push({ label, field, value: text(value) });
}

/** A value as the text Azure DevOps would show for it. */
function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined) return '';
  return JSON.stringify(v);
}
