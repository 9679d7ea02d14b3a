/**
 * The preview webview. It only draws what the host posts: every dynamic string goes in through
 * textContent or an attribute set by name, never innerHTML, so a sample value such as
 * `<img src=x onerror=…>` stays text. The target's own tab (a Slack message, a Teams card) is drawn by the target's
 * drawing module (src/webview/targets/, through targetTab.ts); links there are shown, not followed.
 */
import type {
  DomReport,
  HostToWebview,
  PreviewModel,
  PreviewTab,
  PreviewWebviewState,
  Segment,
  WebviewToHost,
} from '../core/preview/messages';
import { byId, el } from './dom';
import { isTargetTab, TargetTab } from './targetTab';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): PreviewWebviewState | undefined;
  setState(state: PreviewWebviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
/** Scripts present at load (ours and the one VS Code injects): anything beyond these would be injected content. */
const scriptsAtLoad = document.getElementsByTagName('script').length;
/** This script's tag: it says where the page's other scripts are and carries the nonce they must have too. */
const targetTab = new TargetTab(byId('target'), document.currentScript as HTMLScriptElement | null);
let model: PreviewModel | undefined;
let tab: PreviewTab = vscode.getState()?.tab ?? 'request';

function post(message: WebviewToHost): void {
  vscode.postMessage(message);
}

function saveState(): void {
  if (!model) return;
  const state: PreviewWebviewState = { documentUri: model.documentUri, locked: model.locked, tab };
  if (model.selectedSample !== undefined) state.selectedSample = model.selectedSample;
  vscode.setState(state);
}

// ---------------------------------------------------------------------------------------------
// request

function appendSegments(parent: HTMLElement, segments: readonly Segment[]): void {
  const frag = document.createDocumentFragment();
  for (const s of segments) {
    if (s.tag !== undefined) {
      const span = el('span', 'value', s.text);
      span.title = s.written ?? s.tag;
      span.dataset.tag = s.tag;
      if (s.source) {
        span.dataset.start = String(s.source.start);
        span.dataset.end = String(s.source.end);
        span.tabIndex = 0;
      }
      frag.appendChild(span);
    } else if (s.var !== undefined) {
      // A ${var:NAME} value: traced to the environment file it comes from (hover), its placeholder (click).
      const span = el('span', 'value var', s.text);
      span.title = `\${var:${s.var.name}} from ${s.var.from}`;
      span.dataset.var = s.var.name;
      if (s.source) {
        span.dataset.start = String(s.source.start);
        span.dataset.end = String(s.source.end);
        span.tabIndex = 0;
      }
      frag.appendChild(span);
    } else if (s.masked) {
      const span = el('span', 'masked', s.text);
      span.title = 'Hidden: secrets are never shown in the preview';
      frag.appendChild(span);
    } else {
      frag.appendChild(document.createTextNode(s.text));
    }
  }
  parent.appendChild(frag);
}

/** Which environment the preview renders with: its name, and a mark when it asks before sending (production). */
function drawEnvironment(m: PreviewModel): void {
  const e = byId('environment');
  e.hidden = !m.environment;
  e.replaceChildren();
  if (!m.environment) return;
  e.textContent = `Environment: ${m.environment.name}${m.environment.confirm ? ' (asks before sending)' : ''}`;
  e.title = `\${var:NAME} values from ${m.environment.files.join(' and ')}`;
  e.classList.toggle('confirm', m.environment.confirm);
}

function renderRequest(m: PreviewModel): void {
  const method = byId('method');
  const url = byId('url');
  const headers = byId('headers');
  const body = byId('body');
  const bodyMeta = byId('body-meta');
  const notice = byId('notice');
  for (const e of [method, url, headers, body, bodyMeta, notice]) e.replaceChildren();
  byId('request-view').hidden = !m.request;
  notice.hidden = !m.notice && !!m.request;
  if (!m.request) {
    notice.textContent =
      m.notice ??
      (m.problems.some(p => p.severity === 'error')
        ? 'The request cannot be rendered until the errors below are fixed.'
        : 'Nothing to show.');
    return;
  }
  if (m.notice) notice.textContent = m.notice;
  drawEnvironment(m);
  const r = m.request;
  method.textContent = r.method;
  appendSegments(url, r.url);
  for (const h of r.headers) {
    const row = el('tr');
    row.appendChild(el('th', undefined, h.name));
    const td = el('td');
    appendSegments(td, h.value);
    row.appendChild(td);
    headers.appendChild(row);
  }
  byId('headers-section').hidden = r.headers.length === 0;
  byId('body-section').hidden = !r.body;
  if (r.body) {
    appendSegments(body, r.body.segments);
    const parts = [`${r.body.byteLength.toLocaleString()} bytes`];
    if (r.body.contentType) parts.push(r.body.contentType);
    if (r.body.pretty) parts.push('indented for reading');
    bodyMeta.textContent = parts.join(' · ');
  }
}

function renderReturnValues(m: PreviewModel): void {
  const section = byId('returns-section');
  const list = byId('returns');
  const source = byId('returns-source');
  list.replaceChildren();
  const rv = m.returnValues;
  section.hidden = !rv || !m.request;
  if (!rv) return;
  source.textContent = rv.source
    ? `What Centercode would save from ${rv.source}:`
    : 'Add a "$response" to the sample item (what the target system answers) to see what Centercode would save. A test send shows it in the log.';
  for (const e of rv.entries) {
    const li = el('li', e.problem ? 'return-value missing' : 'return-value');
    const link = el('button', 'link', e.name);
    link.title = 'Show the entry in the macro';
    link.dataset.start = String(e.start);
    link.dataset.end = String(e.end);
    li.appendChild(link);
    if (e.value !== undefined) li.appendChild(el('span', 'saved', ` = ${e.value}`));
    li.appendChild(el('span', 'from', ` (from ${e.field})`));
    if (e.problem) li.appendChild(el('span', 'message', ` — ${e.problem}`));
    list.appendChild(li);
  }
}

function renderProblems(m: PreviewModel): void {
  const list = byId('problems');
  list.replaceChildren();
  byId('problems-section').hidden = m.problems.length === 0;
  for (const p of m.problems) {
    const li = el('li', `problem ${p.severity}`);
    const link = el('button', 'link', `${p.path ? baseName(p.path) + ':' : ''}${p.line}:${p.column}`);
    link.title = p.path ? `Show in ${p.path}` : 'Show in the macro';
    link.dataset.start = String(p.start);
    link.dataset.end = String(p.end);
    if (p.path) link.dataset.path = p.path;
    li.appendChild(el('span', 'severity', p.severity));
    li.appendChild(link);
    li.appendChild(el('span', 'message', p.message));
    list.appendChild(li);
  }
}

function baseName(p: string): string {
  return p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
}

function renderToolbar(m: PreviewModel): void {
  byId('file-name').textContent = m.macroName ? `${m.macroName} — ${m.fileName}` : m.fileName;
  const lock = byId<HTMLButtonElement>('lock');
  lock.textContent = m.locked ? 'Locked' : 'Lock';
  lock.setAttribute('aria-pressed', String(m.locked));
  lock.title = m.locked
    ? 'The preview stays on this macro. Click to follow the active editor again.'
    : 'Keep showing this macro when another editor becomes active';

  const select = byId<HTMLSelectElement>('sample');
  select.replaceChildren();
  const groups = new Map<string, HTMLOptGroupElement>();
  for (const o of m.samples) {
    let g = groups.get(o.group);
    if (!g) {
      g = el('optgroup');
      g.label = o.group;
      groups.set(o.group, g);
      select.appendChild(g);
    }
    const opt = el('option', undefined, o.label);
    opt.value = o.key;
    if (o.description) opt.title = o.description;
    g.appendChild(opt);
  }
  if (m.selectedSample !== undefined) select.value = m.selectedSample;
  select.disabled = m.samples.length === 0;
}

// VS Code's theme changed: a drawing that follows it (the Teams card's colours) is drawn again.
new MutationObserver(() => {
  if (model) targetTab.update(model, tab !== 'request');
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

// ---------------------------------------------------------------------------------------------

function showTab(next: PreviewTab): void {
  if (next !== 'request' && (model?.target !== next || !model.targetTab)) next = 'request';
  tab = next;
  for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('.tab'))) {
    const on = b.dataset.tab === tab;
    b.classList.toggle('active', on);
    b.setAttribute('aria-selected', String(on));
  }
  byId('tab-request').hidden = tab !== 'request';
  byId('tab-target').hidden = tab === 'request';
  if (model) targetTab.update(model, tab !== 'request');
  saveState();
}

/** The target's tab button: shown, named and keyed by the target when it has a tab. */
function renderTargetTabButton(m: PreviewModel): void {
  const button = byId('tab-button-target');
  button.hidden = !m.targetTab || !isTargetTab(m.target);
  button.textContent = m.targetTab?.label ?? '';
  button.dataset.tab = m.target;
}

function render(m: PreviewModel): void {
  if (model && m.seq < model.seq) return; // a late, older update
  model = m;
  renderToolbar(m);
  renderProblems(m);
  renderRequest(m);
  renderReturnValues(m);
  renderTargetTabButton(m);
  showTab(tab);
  document.body.classList.add('loaded');
}

function text(id: string): string {
  return byId(id).textContent ?? '';
}

function probe(id: number): void {
  const report: DomReport = {
    seq: model?.seq ?? -1,
    bodyText: text('body'),
    urlText: text('url'),
    headersText: text('headers'),
    problemsText: text('problems'),
    returnValuesText: byId('returns-section').hidden ? '' : text('returns-section'),
    environmentText: byId('environment').hidden ? '' : text('environment'),
    imgCount: document.getElementsByTagName('img').length,
    // Our own scripts (a drawing module's renderer) are not injected content.
    addedScriptCount: document.querySelectorAll('script:not([data-ccmacro])').length - scriptsAtLoad,
    highlightCount: document.querySelectorAll('.value').length,
    tabs: Array.from(document.querySelectorAll<HTMLButtonElement>('.tab'))
      .filter(b => !b.hidden)
      .map(b => b.textContent ?? ''),
    activeTab: tab,
  };
  const tabReport = targetTab.report(model);
  if (tabReport) report.targetTab = tabReport;
  post({ type: 'probeResult', id, report });
}

window.addEventListener('message', (event: MessageEvent<HostToWebview>) => {
  const m = event.data;
  if (!m || typeof m !== 'object') return;
  if (m.type === 'update') render(m.model);
  // Only a page made for the host tests answers the DOM probe (see previewHtml).
  else if (m.type === 'probe' && document.body.hasAttribute('data-test-probe')) probe(m.id);
  else if (m.type === 'showTab' && document.body.hasAttribute('data-test-probe')) showTab(m.tab);
});

document.addEventListener('click', e => {
  const target = (e.target as HTMLElement).closest<HTMLElement>('[data-start]');
  if (target?.dataset.start !== undefined) {
    e.preventDefault();
    const msg: WebviewToHost = { type: 'reveal', start: Number(target.dataset.start), end: Number(target.dataset.end) };
    if (target.dataset.path) msg.path = target.dataset.path;
    post(msg);
    return;
  }
  // Links in a target's drawing are shown, not followed.
  if ((e.target as HTMLElement).closest('#target a')) e.preventDefault();
  const tabButton = (e.target as HTMLElement).closest<HTMLElement>('.tab');
  const which = tabButton?.dataset.tab;
  if (which) showTab(isTargetTab(which) ? which : 'request');
});

document.addEventListener('auxclick', e => {
  if ((e.target as HTMLElement).closest('#target a')) e.preventDefault();
});

document.addEventListener('keydown', e => {
  const t = e.target as HTMLElement;
  if ((e.key === 'Enter' || e.key === ' ') && t.classList?.contains('value')) {
    e.preventDefault();
    t.click();
  }
});

byId<HTMLSelectElement>('sample').addEventListener('change', e =>
  post({ type: 'selectSample', key: (e.target as HTMLSelectElement).value }),
);
byId('lock').addEventListener('click', () => post({ type: 'setLocked', locked: !model?.locked }));
byId('copy-curl').addEventListener('click', () => post({ type: 'command', command: 'copyAsCurl' }));
byId('copy-centercode').addEventListener('click', () => post({ type: 'command', command: 'copyForCentercode' }));

post({ type: 'ready' });
