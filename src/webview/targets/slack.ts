/**
 * The Slack tab: a Slack message drawn roughly as Slack shows it, from the view model src/core/targets/slack/message.ts
 * makes. Everything is text (textContent); links show their address on hover and are never followed.
 */
import type { TargetTabReport } from '../../core/preview/messages';
import type {
  SlackAttachment,
  SlackBlock,
  SlackButton,
  SlackMessage,
  SlackRichText,
} from '../../core/targets/slack/message';
import { el } from '../dom';
import type { TargetDrawing } from './drawing';

export const slackDrawing: TargetDrawing<SlackMessage> = {
  draw: (view, root) => drawSlack(view, root),
  report: (root): TargetTabReport => ({
    text: root.textContent ?? '',
    highlightCount: root.querySelectorAll('.value').length,
    linkCount: root.getElementsByTagName('a').length,
    emphasis: Array.from(root.querySelectorAll('strong, em')).map(e => e.textContent ?? ''),
    values: [],
  }),
};

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

function drawSlack(s: SlackMessage | undefined, root: HTMLElement): void {
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
