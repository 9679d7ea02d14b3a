/**
 * An imported body as a macro body: JSON when the Content-Type says JSON and the text is a JSON object or array (the
 * macro then escapes tag values as JSON), a form when it says form and the text reads back to the same bytes, XML
 * for an XML type, else text sent exactly as written. Literal `((` and `[[` are escaped (`\((`, `\[[`) so nothing
 * imported reads as a Centercode tag in either tag syntax (docs/tags.md).
 */
import { pushAll } from '../common/arrays';
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { tooDeepOffset } from '../common/jsonDepth';
import type { BodyFormat } from '../macro/model';
import { formComponent } from '../render/encode';

export interface ImportedBody {
  format: BodyFormat;
  /** The body as JSON source for the macro file (2-space indent, first line unindented), numbers as written. */
  json: string;
  notes: string[];
}

/**
 * Literal text that could read as a tag, escaped so it stays text. Both pairs are escaped, whatever the project's tag
 * syntax: a backslash before either pair is plain text in both syntaxes (tags/scanner.ts), so the macro sends the same,
 * gets no other-syntax warning, and converting its project later keeps the text as it is.
 */
export function escapeTags(s: string): string {
  return s.indexOf('((') < 0 && s.indexOf('[[') < 0 ? s : s.replace(/\(\(|\[\[/g, '\\$&');
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

function isJsonType(contentType: string | undefined): boolean {
  const t = mediaType(contentType);
  return t === 'application/json' || t.endsWith('+json') || t === 'text/json';
}

/** `text` as a macro body, given the Content-Type the request sends with it. */
export function importBody(text: string, contentType: string | undefined): ImportedBody {
  const notes: string[] = [];
  const type = mediaType(contentType);
  const looksJson = /^\s*[[{]/.test(text);
  if (isJsonType(contentType) || looksJson) {
    const tree = strictJson(text);
    if (tree && isJsonType(contentType)) return { format: 'json', json: formatJson(text, tree, ''), notes };
    if (tree)
      notes.push(
        `The body is JSON, but it is sent as ${type || 'text without a Content-Type'}${type ? '' : ''}, so the macro keeps it as text with that type: if the server expects JSON, set Content-Type to application/json and "bodyFormat" to "json".`,
      );
    else if (isJsonType(contentType))
      notes.push('The body is sent as JSON but is not valid JSON, so the macro keeps it as text, exactly as written.');
  } else if (type === 'application/x-www-form-urlencoded') {
    const form = formObject(text);
    if (form) return { format: 'form', json: stringify(form), notes };
  } else if (type.endsWith('/xml') || type.endsWith('+xml')) {
    return { format: 'xml', json: JSON.stringify(escapeTags(text)), notes };
  }
  return { format: 'text', json: JSON.stringify(escapeTags(text)), notes };
}

function stringify(o: Record<string, string>): string {
  const entries = Object.entries(o);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(escapeTags(v))}`).join(',\n')}\n}`;
}

/** The parse tree of strict JSON (no comments, no trailing commas, no key twice, not too deep), else undefined. */
function strictJson(text: string): Node | undefined {
  if (tooDeepOffset(text) >= 0) return undefined;
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (!root || errors.length > 0 || (root.type !== 'object' && root.type !== 'array')) return undefined;
  // No key twice in one object: JSON parsers disagree on which one counts, and a macro may not hold both.
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'object') {
      const keys = new Set<string>();
      for (const p of n.children ?? []) {
        const k = String(p.children?.[0]?.value);
        if (keys.has(k)) return undefined;
        keys.add(k);
        if (p.children?.[1]) stack.push(p.children[1]);
      }
    } else if (n.type === 'array') pushAll(stack, n.children ?? []);
  }
  return root;
}

/**
 * The JSON as the macro file writes it: 2-space indent (each line after the first starts with `indent` more),
 * numbers exactly as written (no rounding of big or precise numbers), strings with `((` escaped. Iterative: the
 * depth is bounded by MAX_JSON_DEPTH, but no recursion is needed.
 */
export function formatJson(text: string, root: Node, indent: string): string {
  type Frame = { node: Node; index: number; pad: string };
  let out = '';
  const scalar = (n: Node): string => {
    switch (n.type) {
      case 'string':
        return JSON.stringify(escapeTags(String(n.value)));
      case 'number':
        return text.slice(n.offset, n.offset + n.length);
      default:
        return String(n.value);
    }
  };
  const open = (n: Node, pad: string, frames: Frame[]) => {
    const kids = n.children ?? [];
    if (kids.length === 0) {
      out += n.type === 'object' ? '{}' : '[]';
      return;
    }
    out += n.type === 'object' ? '{' : '[';
    frames.push({ node: n, index: 0, pad });
  };
  const frames: Frame[] = [];
  open(root, '', frames);
  while (frames.length) {
    const f = frames[frames.length - 1];
    const kids = f.node.children ?? [];
    if (f.index >= kids.length) {
      out += `\n${indent}${f.pad}${f.node.type === 'object' ? '}' : ']'}`;
      frames.pop();
      continue;
    }
    const inner = f.pad + '  ';
    out += `${f.index > 0 ? ',' : ''}\n${indent}${inner}`;
    let value = kids[f.index++];
    if (f.node.type === 'object') {
      out += JSON.stringify(String(value.children![0].value)) + ': ';
      value = value.children![1];
    }
    if (value.type === 'object' || value.type === 'array') open(value, inner, frames);
    else out += scalar(value);
  }
  return out;
}

/**
 * `a=1&b=x%20y` as an object of decoded fields, when writing it back the way the renderer writes a form gives the
 * very same bytes and no field is there twice; else undefined (the body stays text, exact).
 */
function formObject(text: string): Record<string, string> | undefined {
  if (!text || !/^[^=&]+=[^&]*(&[^=&]+=[^&]*)*$/.test(text)) return undefined;
  const out: Record<string, string> = {};
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return undefined;
    }
  };
  const parts: string[] = [];
  for (const pair of text.split('&')) {
    const eq = pair.indexOf('=');
    const k = decode(pair.slice(0, eq));
    const v = decode(pair.slice(eq + 1));
    if (k === undefined || v === undefined || Object.prototype.hasOwnProperty.call(out, k) || k === '__proto__')
      return undefined;
    out[k] = v;
    parts.push(`${formComponent(k)}=${formComponent(v)}`);
  }
  return parts.join('&') === text ? out : undefined;
}
