import { findNodeAtLocation, type Node } from 'jsonc-parser';
import type { ParsedMacro } from './parse';
import { bodyFormat } from './model';

/** Where a string sits in the macro, which decides whether tags and placeholders are allowed in it. */
export type SiteKind =
  | 'url'
  | 'header-value'
  | 'body' // any string value inside request.body (json), a form value, or the text/xml body
  | 'header-name'
  | 'body-key' // a property name inside a JSON body
  | 'method';

export interface StringSite {
  kind: SiteKind;
  /** The jsonc string node (for keys: the property-name node). */
  node: Node;
  /** Dynamic tags ((…)) may be used here. */
  tagsAllowed: boolean;
  /** ${secret:…} / ${env:…} placeholders may be used here. */
  placeholdersAllowed: boolean;
}

/** Every string in the request that tags could appear in (or must not), in document order. */
export function collectStringSites(parsed: ParsedMacro): StringSite[] {
  const sites: StringSite[] = [];
  const root = parsed.root;
  if (!root) return sites;
  const push = (kind: SiteKind, node: Node | undefined) => {
    if (!node || node.type !== 'string') return;
    const tagsAllowed = kind === 'url' || kind === 'header-value' || kind === 'body';
    const placeholdersAllowed = kind === 'url' || kind === 'header-value';
    sites.push({ kind, node, tagsAllowed, placeholdersAllowed });
  };
  push('method', findNodeAtLocation(root, ['request', 'method']));
  push('url', findNodeAtLocation(root, ['request', 'url']));
  const headers = findNodeAtLocation(root, ['request', 'headers']);
  if (headers?.type === 'object') {
    for (const prop of headers.children ?? []) {
      push('header-name', prop.children?.[0]);
      push('header-value', prop.children?.[1]);
    }
  }
  const body = findNodeAtLocation(root, ['request', 'body']);
  if (body) {
    const format = bodyFormat(parsed.macro);
    const walk = (n: Node) => {
      if (n.type === 'string') push('body', n);
      else if (n.type === 'object') {
        for (const prop of n.children ?? []) {
          push('body-key', prop.children?.[0]);
          if (prop.children?.[1]) walk(prop.children[1]);
        }
      } else if (n.type === 'array') {
        for (const c of n.children ?? []) walk(c);
      }
    };
    if (format === 'form' && body.type === 'object') {
      for (const prop of body.children ?? []) {
        push('body-key', prop.children?.[0]);
        if (prop.children?.[1]) walk(prop.children[1]);
      }
    } else {
      walk(body);
    }
  }
  return sites.sort((a, b) => a.node.offset - b.node.offset);
}

/**
 * A JSON string literal decoded, with a map from each index of the decoded value back to the
 * source offset it came from, so problems found in the value point at the right characters
 * even when the literal holds escapes such as \" or \u00e9.
 */
export interface DecodedString {
  value: string;
  /** sourceOffsets[i] = offset in the document of value[i]; sourceOffsets[value.length] = offset of the closing quote. */
  sourceOffsets: Int32Array;
}

export function decodeStringNode(text: string, node: Node): DecodedString {
  return decodeJsonStringLiteral(text, node.offset, node.length);
}

function decodeJsonStringLiteral(text: string, offset: number, length: number): DecodedString {
  const end = offset + length - 1; // index of the closing quote (when the literal is closed)
  const startContent = offset + 1;
  const out: string[] = [];
  const offsets = new Int32Array(Math.max(0, length) + 1);
  let n = 0;
  let i = startContent;
  // Fast path: no escapes.
  const raw = text.slice(startContent, Math.max(startContent, end));
  if (raw.indexOf('\\') < 0) {
    for (let k = 0; k <= raw.length; k++) offsets[k] = startContent + k;
    return { value: raw, sourceOffsets: offsets.subarray(0, raw.length + 1) };
  }
  while (i < end) {
    // A run of characters up to the next backslash is copied at once (one piece per run, not per character).
    let stop = text.indexOf('\\', i);
    if (stop < 0 || stop > end) stop = end;
    if (stop > i) {
      out.push(text.slice(i, stop));
      for (let k = i; k < stop; k++) offsets[n++] = k;
      i = stop;
      continue;
    }
    const c = text[i];
    if (c === '\\' && i + 1 < end) {
      const e = text[i + 1];
      let ch: string;
      let width = 2;
      switch (e) {
        case 'n':
          ch = '\n';
          break;
        case 'r':
          ch = '\r';
          break;
        case 't':
          ch = '\t';
          break;
        case 'b':
          ch = '\b';
          break;
        case 'f':
          ch = '\f';
          break;
        case 'u': {
          const hex = text.slice(i + 2, i + 6);
          ch = /^[0-9a-fA-F]{4}$/.test(hex) ? String.fromCharCode(parseInt(hex, 16)) : '';
          width = ch ? 6 : 2;
          break;
        }
        default:
          ch = e;
      }
      out.push(ch);
      for (let k = 0; k < ch.length; k++) offsets[n++] = i;
      i += width;
    } else {
      out.push(c);
      offsets[n++] = i;
      i++;
    }
  }
  offsets[n] = Math.min(i, end);
  return { value: out.join(''), sourceOffsets: offsets.subarray(0, n + 1) };
}
