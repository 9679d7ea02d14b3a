/**
 * The preview webview. It only draws what the host posts: every dynamic string goes in through
 * textContent or an attribute set by name, never innerHTML, so a sample value such as
 * `<img src=x onerror=…>` stays text. Links in a Slack message are shown, not followed. The Teams tab is drawn by
 * a second script (teamsCard.ts, Microsoft's Adaptive Cards renderer), loaded only when that tab is first shown.
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
import type { TeamsRenderer, TeamsRendererHost } from './targets/teams/api';
import type {
  SlackAttachment,
  SlackBlock,
  SlackButton,
  SlackMessage,
  SlackRichText,
} from '../core/targets/slack/message';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): PreviewWebviewState | undefined;
  setState(state: PreviewWebviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
/** Scripts present at load (ours and the one VS Code injects): anything beyond these would be injected content. */
const scriptsAtLoad = document.getElementsByTagName('script').length;
/** This script's tag: it names the Teams renderer script and carries the nonce that script must have too. */
const ownScript = document.currentScript as HTMLScriptElement | null;
let model: PreviewModel | undefined;
let tab: PreviewTab = vscode.getState()?.tab ?? 'request';

function byId<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

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
      span.title = `((${s.tag}))`;
      span.dataset.tag = s.tag;
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

// ---------------------------------------------------------------------------------------------
// Slack message

function appendRich(parent: HTMLElement, rich: SlackRichText): void {
  for (const n of rich) {
    switch (n.kind) {
      case 'text':
        parent.appendChild(document.createTextNode(n.text));
        break;
      case 'bold':
      case 'italic':
      case 'strike': {
        const e = el(n.kind === 'bold' ? 'strong' : n.kind === 'italic' ? 'em' : 's');
        appendRich(e, n.children);
        parent.appendChild(e);
        break;
      }
      case 'code':
        parent.appendChild(el('code', 'slack-code', n.text));
        break;
      case 'pre':
        parent.appendChild(el('pre', 'slack-pre', n.text));
        break;
      case 'link': {
        const a = el('span', 'slack-link', n.label);
        a.title = n.url;
        parent.appendChild(a);
        break;
      }
      case 'mention':
        parent.appendChild(el('span', `slack-mention ${n.target}`, n.text));
        break;
      case 'lineBreak':
        parent.appendChild(el('br'));
        break;
    }
  }
}

function richDiv(rich: SlackRichText, className: string): HTMLDivElement {
  const d = el('div', className);
  appendRich(d, rich);
  return d;
}

function imagePlaceholder(alt: string, className = 'slack-image'): HTMLDivElement {
  const d = el('div', className, alt ? `🖼 ${alt}` : '🖼 image');
  d.title = 'Images are not loaded in the preview';
  return d;
}

function buttonEl(b: SlackButton): HTMLSpanElement {
  const s = el('span', `slack-button ${b.style ?? ''}`.trim(), b.text);
  if (b.url) s.title = b.url;
  return s;
}

function blockEl(b: SlackBlock): HTMLElement {
  switch (b.kind) {
    case 'header':
      return el('div', 'slack-header', b.text);
    case 'divider':
      return el('hr', 'slack-divider');
    case 'section': {
      const d = el('div', 'slack-section');
      const main = el('div', 'slack-section-main');
      if (b.text) main.appendChild(richDiv(b.text, 'slack-text'));
      if (b.fields.length) {
        const fields = el('div', 'slack-fields');
        for (const f of b.fields) fields.appendChild(richDiv(f, 'slack-field'));
        main.appendChild(fields);
      }
      d.appendChild(main);
      if (b.accessory?.kind === 'image') d.appendChild(imagePlaceholder(b.accessory.alt, 'slack-accessory-image'));
      else if (b.accessory?.kind === 'button') d.appendChild(buttonEl(b.accessory.button));
      else if (b.accessory) d.appendChild(el('span', 'slack-unsupported', `(${b.accessory.type})`));
      return d;
    }
    case 'context': {
      const d = el('div', 'slack-context');
      for (const e of b.elements)
        d.appendChild(
          e.kind === 'image' ? imagePlaceholder(e.alt, 'slack-context-image') : richDiv(e.rich, 'slack-context-text'),
        );
      return d;
    }
    case 'image': {
      const d = el('div', 'slack-image-block');
      if (b.title) d.appendChild(el('div', 'slack-image-title', b.title));
      d.appendChild(imagePlaceholder(b.alt));
      return d;
    }
    case 'actions': {
      const d = el('div', 'slack-actions');
      for (const btn of b.buttons) d.appendChild(buttonEl(btn));
      return d;
    }
    case 'unsupported':
      return el('div', 'slack-unsupported', `(a "${b.type}" block: not drawn in the preview)`);
  }
}

function attachmentEl(a: SlackAttachment): HTMLElement {
  const d = el('div', 'slack-attachment');
  // The colour bar takes only a hex colour, so a value cannot inject other CSS.
  if (a.color && /^#?[0-9a-fA-F]{3,8}$/.test(a.color))
    d.style.borderLeftColor = a.color.startsWith('#') ? a.color : '#' + a.color;
  if (a.pretext) d.appendChild(richDiv(a.pretext, 'slack-text'));
  if (a.title) {
    const t = el('div', 'slack-attachment-title', a.title);
    if (a.titleLink) t.title = a.titleLink;
    d.appendChild(t);
  }
  if (a.text) d.appendChild(richDiv(a.text, 'slack-text'));
  if (a.fields.length) {
    const fields = el('div', 'slack-fields');
    for (const f of a.fields) {
      const fd = el('div', 'slack-field');
      fd.appendChild(el('strong', undefined, f.title));
      fd.appendChild(richDiv(f.value, 'slack-text'));
      fields.appendChild(fd);
    }
    d.appendChild(fields);
  }
  for (const b of a.blocks) d.appendChild(blockEl(b));
  if (a.footer) d.appendChild(el('div', 'slack-context', a.footer));
  return d;
}

function renderSlack(s: SlackMessage | undefined): void {
  const root = byId('slack');
  root.replaceChildren();
  if (!s) return;
  const msg = el('div', 'slack-message');
  const head = el('div', 'slack-message-head');
  head.appendChild(el('span', 'slack-avatar', '⚡'));
  head.appendChild(el('strong', 'slack-username', s.username ?? 'Centercode webhook'));
  head.appendChild(el('span', 'slack-app-badge', 'APP'));
  msg.appendChild(head);
  if (s.text && !s.textIsFallback) msg.appendChild(richDiv(s.text, 'slack-text'));
  for (const b of s.blocks) msg.appendChild(blockEl(b));
  for (const a of s.attachments) msg.appendChild(attachmentEl(a));
  root.appendChild(msg);
  if (s.text && s.textIsFallback) {
    const fb = el('div', 'slack-fallback');
    fb.appendChild(
      el('div', 'slack-fallback-label', 'Notification text (shown in notifications, not in the channel):'),
    );
    fb.appendChild(richDiv(s.text, 'slack-text'));
    root.appendChild(fb);
  }
  for (const n of s.notes) root.appendChild(el('div', 'slack-note', n));
}

// ---------------------------------------------------------------------------------------------
// Teams card

let teamsRenderer: Promise<TeamsRenderer> | undefined;
/** The model whose cards the Teams tab shows (undefined: not drawn yet, or a newer model arrived). */
let teamsDrawn: PreviewModel | undefined;
let teamsError: string | undefined;

function loadTeamsRenderer(): Promise<TeamsRenderer> {
  return (teamsRenderer ??= new Promise<TeamsRenderer>((resolve, reject) => {
    const src = ownScript?.dataset.teamsScript;
    if (!src) return reject(new Error('the page does not name the Teams renderer'));
    const s = document.createElement('script');
    s.src = src;
    s.nonce = ownScript?.nonce ?? '';
    s.dataset.ccmacro = 'teams';
    s.onload = () => {
      const r = (window as Window & TeamsRendererHost).ccmacroTeamsRenderer;
      if (r) resolve(r);
      else reject(new Error('the Teams renderer did not start'));
    };
    s.onerror = () => reject(new Error('the Teams renderer could not be loaded'));
    document.head.appendChild(s);
  }));
}

/** The theme the Teams card on show was drawn with. */
function teamsTheme(): string | undefined {
  const frame = byId('teams').querySelector('.teams-card');
  return frame?.classList.contains('teams-light') ? 'light' : frame ? 'dark' : undefined;
}

function themeOf(): 'light' | 'dark' {
  const c = document.body.classList;
  return c.contains('vscode-light') || c.contains('vscode-high-contrast-light') ? 'light' : 'dark';
}

/** Draw the Teams tab for the current model, once it is shown (the renderer loads on first use). */
function renderTeams(): void {
  const m = model;
  if (tab !== 'teams' || !m || teamsDrawn === m) return;
  teamsDrawn = m;
  const root = byId('teams');
  const notes = byId('teams-notes');
  notes.replaceChildren(...(m.teams?.notes ?? []).map(n => el('li', undefined, n)));
  if (!m.teams) {
    root.replaceChildren(el('div', 'notice', 'Nothing to draw until the request renders (see Problems).'));
    return;
  }
  const view = m.teams;
  loadTeamsRenderer()
    .then(r => {
      if (model !== m || teamsDrawn !== m) return; // a newer model is on its way
      r.render(view, themeOf(), root);
      teamsError = undefined;
    })
    .catch((e: unknown) => {
      teamsError = e instanceof Error ? e.message : String(e);
      root.replaceChildren(el('div', 'notice', `The card cannot be drawn here: ${teamsError}.`));
    });
}

// The card follows the VS Code theme (light or dark Teams colours).
new MutationObserver(() => {
  teamsDrawn = undefined;
  renderTeams();
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

// ---------------------------------------------------------------------------------------------

function showTab(next: PreviewTab): void {
  if (next !== 'request' && model?.target !== next) next = 'request';
  tab = next;
  for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('.tab'))) {
    const on = b.dataset.tab === tab;
    b.classList.toggle('active', on);
    b.setAttribute('aria-selected', String(on));
  }
  byId('tab-request').hidden = tab !== 'request';
  byId('tab-slack').hidden = tab !== 'slack';
  byId('tab-teams').hidden = tab !== 'teams';
  renderTeams();
  saveState();
}

function render(m: PreviewModel): void {
  if (model && m.seq < model.seq) return; // a late, older update
  model = m;
  renderToolbar(m);
  renderProblems(m);
  renderRequest(m);
  renderReturnValues(m);
  renderSlack(m.slack);
  byId('tab-button-slack').hidden = m.target !== 'slack';
  byId('tab-button-teams').hidden = m.target !== 'teams';
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
    slackText: text('slack'),
    returnValuesText: byId('returns-section').hidden ? '' : text('returns-section'),
    teamsText: text('teams'),
    teamsHighlightCount: byId('teams').querySelectorAll('.value').length,
    teamsLinkCount: byId('teams').getElementsByTagName('a').length,
    teamsEmphasis: Array.from(byId('teams').querySelectorAll('strong, em')).map(e => e.textContent ?? ''),
    teamsValues: Array.from(byId('teams').querySelectorAll<HTMLElement>('.value'))
      .slice(0, 50)
      .map(e => ({ tag: e.dataset.tag ?? '', start: Number(e.dataset.start), end: Number(e.dataset.end) })),
    ...(teamsTheme() ? { teamsTheme: teamsTheme() } : {}),
    ...(teamsError ? { teamsError } : {}),
    imgCount: document.getElementsByTagName('img').length,
    // Our own Teams renderer script is not injected content.
    addedScriptCount: document.querySelectorAll('script:not([data-ccmacro])').length - scriptsAtLoad,
    highlightCount: document.querySelectorAll('.value').length,
    tabs: Array.from(document.querySelectorAll<HTMLButtonElement>('.tab'))
      .filter(b => !b.hidden)
      .map(b => b.textContent ?? ''),
    activeTab: tab,
  };
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
  // Links in the Teams card are shown, not followed.
  if ((e.target as HTMLElement).closest('#teams a')) e.preventDefault();
  const tabButton = (e.target as HTMLElement).closest<HTMLElement>('.tab');
  const which = tabButton?.dataset.tab;
  if (which) showTab(which === 'slack' || which === 'teams' ? which : 'request');
});

document.addEventListener('auxclick', e => {
  if ((e.target as HTMLElement).closest('#teams a')) e.preventDefault();
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
