import type { RenderedRequest } from '../render/types';
import { placeholderSites, secretEnvName } from '../secrets/resolve';

export interface CurlOptions {
  /** 'env-ref': placeholders become shell variable references ("$CCMACRO_SECRET_X", "$X"), never values. */
  secretStyle: 'env-ref';
}

/** POSIX shell single-quoting: safe for any text except NUL. */
export function shellQuote(s: string): string {
  if (s === '') return "''";
  if (/^[A-Za-z0-9_\-.,/:=@%+]+$/.test(s)) return s;
  return "'" + s.replace(/'/g, `'\\''`) + "'";
}

/**
 * A runnable cURL command for the request (POSIX shell). Placeholders the author wrote are turned into
 * environment-variable references so the command never carries a secret value.
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
