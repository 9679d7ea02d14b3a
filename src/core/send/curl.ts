import type { RenderedRequest } from '../render/types';
import { placeholderSites, secretEnvName } from '../secrets/resolve';

export interface CurlOptions {
  /** 'env-ref': placeholders become shell variable references ("$CCMACRO_SECRET_X", "$X"), never values. */
  secretStyle: 'env-ref';
}

/** Characters a pasted command must not carry raw: C0 controls (tab and newline too), DEL, C1, and what `visible` shows. */
const ANSI_C_NEEDED = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

/**
 * Shell quoting, exact for any text except NUL: POSIX single quotes; the characters a pasted command must not carry
 * raw (control characters, tab and newline included, and the bidi/line-separator characters that would make the
 * command look different from what it runs) are written as ANSI-C quoted escapes `$'\x1b'` (bash, zsh), glued to the
 * single-quoted runs around them: `'a'$'\x1b''b'` is one word holding exactly a, ESC, b.
 */
export function shellQuote(s: string): string {
  if (s === '') return "''";
  if (/^[A-Za-z0-9_\-.,/:=@%+]+$/.test(s)) return s;
  if (!ANSI_C_NEEDED.test(s)) return singleQuote(s);
  let out = '';
  let plain = '';
  let special = '';
  const flush = () => {
    if (plain) out += singleQuote(plain);
    if (special) out += `$'${special}'`;
    plain = special = '';
  };
  for (const ch of s) {
    if (ANSI_C_NEEDED.test(ch)) {
      if (plain) flush();
      // Bytes, not \u: exact whatever the shell's locale.
      special +=
        ANSI_C_SHORT[ch] ?? [...Buffer.from(ch, 'utf8')].map(b => `\\x${b.toString(16).padStart(2, '0')}`).join('');
    } else {
      if (special) flush();
      plain += ch;
    }
  }
  flush();
  return out;
}

const ANSI_C_SHORT: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r' };

function singleQuote(s: string): string {
  return "'" + s.replace(/'/g, `'\\''`) + "'";
}

/**
 * A runnable cURL command for the request (POSIX shell; a value with control characters is written `$'…'`, see
 * shellQuote). Placeholders the author wrote are turned into environment-variable references so the command never
 * carries a secret value.
 */
export function toCurl(request: RenderedRequest, _options: CurlOptions = { secretStyle: 'env-ref' }): string {
  const sites = placeholderSites(request);
  // A text with placeholders becomes quoted literal pieces glued to "$VAR" references.
  // `shift`: where the site's text starts inside `text` (a header is written "Name: value").
  const quoteWithRefs = (text: string, part: 'url' | 'header', headerIndex?: number, shift = 0): string => {
    const list = sites
      .filter(s => s.part === part && (part === 'url' || s.headerIndex === headerIndex))
      .map(s => ({ ...s, start: s.start + shift, end: s.end + shift }))
      .sort((a, b) => a.start - b.start);
    if (list.length === 0) return shellQuote(text);
    let out = '';
    let from = 0;
    for (const p of list) {
      if (p.start > from) out += shellQuote(text.slice(from, p.start));
      out += `"\${${p.kind === 'secret' ? secretEnvName(p.name) : p.name}}"`;
      from = p.end;
    }
    if (from < text.length) out += shellQuote(text.slice(from));
    return out;
  };
  const args: string[] = ['curl'];
  if (/[[\]{}]/.test(request.url.replace(/\$\{(secret|env):[A-Za-z_][A-Za-z0-9_]*\}/g, ''))) args.push('--globoff');
  args.push('--request', request.method);
  args.push('--url', quoteWithRefs(request.url, 'url'));
  request.headers.forEach((h, i) => {
    // curl drops a header written "Name:"; "Name;" sends it empty.
    const header = h.value === '' ? `${h.name};` : `${h.name}: ${h.value}`;
    args.push('--header', h.value === '' ? shellQuote(header) : quoteWithRefs(header, 'header', i, h.name.length + 2));
  });
  let stdin = '';
  if (request.bodyText !== undefined) {
    if (request.bodyText.includes('\0')) {
      // A shell argument cannot hold NUL: feed the body through printf with octal escapes instead.
      const fmt = request.bodyText.replace(/\\/g, '\\\\').replace(/%/g, '%%').replace(/\0/g, '\\000');
      stdin = `printf ${shellQuote(fmt)} | `;
      args.push('--data-binary', '@-');
    } else {
      args.push('--data-binary', shellQuote(request.bodyText));
    }
  }
  // One option per line reads best and pastes fine into any POSIX shell.
  const lines: string[] = [];
  let cur = args[0];
  for (let i = 1; i < args.length; i++) {
    if (args[i].startsWith('--')) {
      lines.push(cur);
      cur = '  ' + args[i];
    } else {
      cur += ' ' + args[i];
    }
  }
  lines.push(cur);
  return stdin + lines.join(' \\\n') + '\n';
}
