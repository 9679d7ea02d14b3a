/**
 * The HTML of a work item field (Description, Repro Steps, …) as a small safe tree for the preview: only an
 * allow-list of tags is kept (paragraphs, line breaks, emphasis, lists, headings, code, quotes, tables, links),
 * every other tag is dropped with its text kept (the text of script, style and the like is dropped too), attributes
 * are dropped except a link's address, and entities are decoded into text. The webview draws the tree with
 * textContent only, so nothing in a field is ever markup there. One pass over the text, no recursion.
 */

export type SafeTag =
  | 'p'
  | 'div'
  | 'span'
  | 'br'
  | 'b'
  | 'strong'
  | 'i'
  | 'em'
  | 'u'
  | 's'
  | 'ul'
  | 'ol'
  | 'li'
  | 'h1'
  | 'h2'
  | 'h3'
  | 'h4'
  | 'h5'
  | 'h6'
  | 'pre'
  | 'code'
  | 'blockquote'
  | 'a'
  | 'table'
  | 'thead'
  | 'tbody'
  | 'tr'
  | 'th'
  | 'td';

export type HtmlNode = { text: string } | { tag: SafeTag; href?: string; children: HtmlNode[] };

const SAFE = new Set<string>([
  'p',
  'div',
  'span',
  'br',
  'b',
  'strong',
  'i',
  'em',
  'u',
  's',
  'ul',
  'ol',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'pre',
  'code',
  'blockquote',
  'a',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
]);
/** Tags whose content is not text a reader sees. */
const HIDDEN = new Set([
  'script',
  'style',
  'template',
  'iframe',
  'object',
  'noscript',
  'title',
  'textarea',
  'svg',
  'math',
]);
const VOID = new Set(['br', 'img', 'hr', 'input', 'meta', 'link', 'wbr', 'col', 'area', 'base', 'embed', 'source']);
/** Deeper elements are flattened into their parent (the drawing recurses once per level). */
const MAX_HTML_DEPTH = 32;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Entities in text or an attribute value, decoded (unknown ones stay as written). */
function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,6});/g, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : '\ufffd';
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

type Element = Extract<HtmlNode, { tag: SafeTag }>;

/** The field's HTML as a safe tree. */
export function safeHtml(html: string): HtmlNode[] {
  const root: Element = { tag: 'div', children: [] };
  const stack: Element[] = [root];
  const top = () => stack[stack.length - 1];
  const text = (t: string) => {
    if (!t) return;
    const kids = top().children;
    const last = kids[kids.length - 1];
    if (last && 'text' in last) last.text += t;
    else kids.push({ text: t });
  };
  const lower = html.toLowerCase();
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      text(decodeEntities(html.slice(i)));
      break;
    }
    text(decodeEntities(html.slice(i, lt)));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    const m = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(lt, lt + 40));
    if (!m) {
      // `<` that starts no tag (`a < b`, `<!doctype>`, `<?x>`) is text, except markup declarations, which are dropped.
      if (/^<[!?]/.test(html.slice(lt, lt + 2))) {
        const end = html.indexOf('>', lt);
        i = end < 0 ? html.length : end + 1;
      } else {
        text('<');
        i = lt + 1;
      }
      continue;
    }
    const end = tagEnd(html, lt + m[0].length);
    if (end < 0) break; // an unfinished tag at the end is dropped, as browsers do
    const name = m[2].toLowerCase();
    const attrs = html.slice(lt + m[0].length, end);
    i = end + 1;
    if (m[1]) {
      closeTag(stack, name);
      continue;
    }
    if (HIDDEN.has(name)) {
      const close = lower.indexOf(`</${name}`, i);
      const closeEnd = close < 0 ? -1 : tagEnd(html, close + 2 + name.length);
      i = closeEnd < 0 ? html.length : closeEnd + 1;
      continue;
    }
    if (name === 'img') {
      const alt = attribute(attrs, 'alt');
      text(alt ? `[image: ${alt}]` : '[image]');
      continue;
    }
    if (!SAFE.has(name) || stack.length > MAX_HTML_DEPTH) continue;
    const el: Element = { tag: name as SafeTag, children: [] };
    if (name === 'a') {
      const href = attribute(attrs, 'href');
      if (href !== undefined) el.href = href;
    }
    top().children.push(el);
    if (!VOID.has(name) && !attrs.trimEnd().endsWith('/')) stack.push(el);
  }
  return root.children;
}

/** The index of the `>` that ends a tag whose attributes start at `from` (quotes respected), or -1. */
function tagEnd(html: string, from: number): number {
  let quote = '';
  for (let j = from; j < html.length; j++) {
    const c = html[j];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return j;
  }
  return -1;
}

function closeTag(stack: Element[], name: string): void {
  for (let k = stack.length - 1; k > 0; k--)
    if (stack[k].tag === name) {
      stack.length = k;
      return;
    }
}

function attribute(attrs: string, name: string): string | undefined {
  const re = new RegExp(`(?:^|\\s)${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i');
  const m = re.exec(attrs);
  return m ? decodeEntities(m[2] ?? m[3] ?? m[4] ?? '') : undefined;
}
