import { findNodeAtLocation, getNodeValue, type Node } from 'jsonc-parser';
import { bodyFormat, type BodyFormat } from '../macro/model';
import type { ParsedMacro } from '../macro/parse';
import { problem, type Problem } from '../common/problem';
import { chunkPlaceholders, FlatBuilder, flatFromString, type ChunkPlaceholder, type FlatTemplate } from './flat';
import { compileString, typedValueOf } from './segments';
import type { TagSyntax } from '../project/tagSyntax';
import { formComponent, hasLoneSurrogate, jsonStringContent, loneSurrogateName } from './encode';
import { decodeStringNode } from '../macro/sites';
import { xmlHoleContexts } from './xmlContext';
import { pushAll } from '../common/arrays';
import { nodeRange } from '../common/jsonPath';
import { MAX_FILE_BYTES } from '../common/decode';

/**
 * A macro turned into output templates once, so rendering against a sample is a single pass of string
 * concatenation. Cached per ParsedMacro (the preview re-renders the same parse on sample switches).
 */
export interface CompiledMacro {
  method: string;
  url?: FlatTemplate & { placeholders: ChunkPlaceholder[]; range: { start: number; end: number } };
  headers: Array<
    FlatTemplate & { name: string; placeholders: ChunkPlaceholder[]; range: { start: number; end: number } }
  >;
  format: BodyFormat;
  body?: FlatTemplate;
  bodyNode?: Node;
  problems: Problem[];
}

const cache = new WeakMap<ParsedMacro, CompiledMacro>();

/** An HTTP token (RFC 9110): what a method and a header name are made of (the schema's header-name pattern). */
export const HTTP_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** The methods a macro may send: the schema's `request.method` enum (a test keeps them equal). */
export const HTTP_METHODS: readonly string[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * The largest body a macro renders to, in UTF-8 bytes: the 10 MB ccmacro reads in a file and writes in a snapshot. A
 * JSON body is written re-indented (as JSON.stringify(value, null, 2)), so deep nesting can make it far larger than
 * the macro, and a tag used many times repeats its value: past this, the render is refused (`render/body-too-large`),
 * so the preview, `validate`, `test`, Copy as cURL and a send all refuse it alike, and nothing that large is built.
 */
export const MAX_BODY_BYTES = MAX_FILE_BYTES;

/** The body would be over MAX_BODY_BYTES: at the body, `why` says where the size comes from. */
export function bodyTooLarge(body: Node, why: string): Problem {
  return problem(
    'render/body-too-large',
    'error',
    `The body would be over ${MAX_BODY_BYTES / 1024 / 1024} MB (${MAX_BODY_BYTES.toLocaleString('en-US')} bytes) ${why}, so ccmacro does not render, send or snapshot it: make the body smaller`,
    nodeRange(body),
  );
}

export function compileMacro(parsed: ParsedMacro): CompiledMacro {
  let c = cache.get(parsed);
  if (!c) {
    c = compileUncached(parsed);
    cache.set(parsed, c);
  }
  return c;
}

function compileUncached(parsed: ParsedMacro): CompiledMacro {
  const { text, root } = parsed;
  const problems: Problem[] = [];
  const format = bodyFormat(parsed.macro);
  const out: CompiledMacro = { method: 'GET', headers: [], format, problems };
  const request = root && findNodeAtLocation(root, ['request']);
  if (!root || !request || request.type !== 'object') {
    problems.push(
      problem(
        'render/no-request',
        'error',
        'Nothing to render: the macro needs a "request" object with a "url"',
        root ? { start: root.offset, end: root.offset + 1 } : { start: 0, end: 0 },
      ),
    );
    return out;
  }
  pushAll(problems, loneSurrogateProblems(text, request));
  out.url = compileUrl(text, request, problems, parsed.tagSyntax);
  const bodyNode = findNodeAtLocation(request, ['body']);
  const methodNode = findNodeAtLocation(request, ['method']);
  out.method =
    methodNode?.type === 'string' && methodNode.value
      ? String(methodNode.value).toUpperCase()
      : bodyNode
        ? 'POST'
        : 'GET';
  // Refused at render, so validate, test, the preview, Copy as cURL and a send agree (the schema says the same, but
  // only validate reads it): a method Centercode does not offer, a header name that is not an HTTP token (`X-A: b`
  // would otherwise be sent, and snapshotted, as the header `X-A` with the value `b: …`).
  if (methodNode?.type === 'string' && !HTTP_METHODS.includes(out.method))
    problems.push(
      problem(
        'render/bad-method',
        'error',
        `The method ${JSON.stringify(String(methodNode.value))} is not one a macro sends: use ${HTTP_METHODS.slice(0, -1).join(', ')} or ${HTTP_METHODS[HTTP_METHODS.length - 1]}`,
        nodeRange(methodNode),
      ),
    );
  out.headers = compileHeaders(text, findNodeAtLocation(request, ['headers']), problems, parsed.tagSyntax);
  if (bodyNode) {
    out.bodyNode = bodyNode;
    out.body = compileBody(text, bodyNode, format, problems, parsed.tagSyntax);
  }
  return out;
}

function compileUrl(text: string, request: Node, problems: Problem[], syntax: TagSyntax): CompiledMacro['url'] {
  const urlNode = findNodeAtLocation(request, ['url']);
  if (urlNode?.type === 'string') {
    const f = flatFromString(compileString(text, urlNode, syntax));
    return { ...f, placeholders: chunkPlaceholders(f), range: nodeRange(urlNode) };
  }
  problems.push(
    problem(
      'render/no-url',
      'error',
      'The request has no "url" text, so there is nothing to send to',
      urlNode ? nodeRange(urlNode) : { start: request.offset, end: request.offset + 1 },
    ),
  );
  return undefined;
}

function compileHeaders(
  text: string,
  headersNode: Node | undefined,
  problems: Problem[],
  syntax: TagSyntax,
): CompiledMacro['headers'] {
  const out: CompiledMacro['headers'] = [];
  if (headersNode?.type !== 'object') return out;
  for (const prop of headersNode.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (!k || !v) continue;
    if (!HTTP_TOKEN.test(String(k.value)))
      problems.push(
        problem(
          'render/bad-header-name',
          'error',
          `The header name ${JSON.stringify(String(k.value))} is not a valid HTTP header name: it may hold only letters, digits and ! # $ % & ' * + - . ^ _ \` | ~ (no spaces or colons), so ccmacro will not send it`,
          nodeRange(k),
        ),
      );
    const f: FlatTemplate =
      v.type === 'string'
        ? flatFromString(compileString(text, v, syntax))
        : { chunks: [scalarText(v)], holes: [], names: [] };
    out.push({ ...f, name: String(k.value), placeholders: chunkPlaceholders(f), range: nodeRange(v) });
  }
  return out;
}

function compileBody(
  text: string,
  bodyNode: Node,
  format: BodyFormat,
  problems: Problem[],
  syntax: TagSyntax,
): FlatTemplate | undefined {
  if (format === 'json') {
    const body = compileJsonBody(text, bodyNode, syntax);
    if (!body) problems.push(bodyTooLarge(bodyNode, 'written out as JSON, before any tag is filled in'));
    return body;
  }
  if (format === 'form') return compileFormBody(text, bodyNode, problems, syntax);
  if (bodyNode.type !== 'string') {
    problems.push(
      problem(
        'render/body-not-text',
        'error',
        `With "bodyFormat": "${format}" the body must be one string`,
        nodeRange(bodyNode),
      ),
    );
    return undefined;
  }
  const t = compileString(text, bodyNode, syntax);
  if (format !== 'xml') return flatFromString(t);
  const contexts = xmlHoleContexts(t.literals);
  return flatFromString(
    t,
    s => s,
    i => contexts[i],
  );
}

function scalarText(n: Node): string {
  const v = getNodeValue(n);
  return v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/**
 * The JSON body, written the way JSON.stringify(value, null, 2) would (comments dropped, key order kept); undefined
 * when that text alone is over MAX_BODY_BYTES (writing stops there).
 */
function compileJsonBody(text: string, body: Node, syntax: TagSyntax): FlatTemplate | undefined {
  const b = new FlatBuilder();
  const emit = (n: Node, indent: string): void => {
    // Each character is at least one byte: stop as soon as the text is too large, whatever is left to write.
    if (b.size > MAX_BODY_BYTES) return;
    switch (n.type) {
      case 'object':
      case 'array': {
        const kids = (n.children ?? []).filter(c => n.type === 'array' || (c.children?.length ?? 0) >= 2);
        const [open, close] = n.type === 'object' ? ['{', '}'] : ['[', ']'];
        if (kids.length === 0) {
          b.text(open + close);
          return;
        }
        const inner = indent + '  ';
        b.text(open + '\n');
        kids.forEach((c, i) => {
          b.text(inner);
          if (n.type === 'object') {
            const name = String(c.children![0].value);
            b.text(JSON.stringify(name) + ': ');
            emit(c.children![1], inner);
          } else {
            emit(c, inner);
          }
          b.text(i < kids.length - 1 ? ',\n' : '\n');
        });
        b.text(indent + close);
        return;
      }
      case 'string': {
        const t = compileString(text, n, syntax);
        const typed = typedValueOf(t);
        if (typed) {
          b.hole({ ...t.holes[0], typed, indent, node: n });
          return;
        }
        b.text('"');
        b.template(t, jsonStringContent, { node: n });
        b.text('"');
        return;
      }
      case 'number':
        b.text(text.slice(n.offset, n.offset + n.length));
        return;
      case 'boolean':
      case 'null':
        b.text(String(n.value));
        return;
    }
  };
  emit(body, '');
  return b.size > MAX_BODY_BYTES ? undefined : b.build();
}

function compileFormBody(text: string, body: Node, problems: Problem[], syntax: TagSyntax): FlatTemplate | undefined {
  if (body.type !== 'object') {
    problems.push(
      problem(
        'render/form-not-object',
        'error',
        'With "bodyFormat": "form" the body must be an object of field names to values',
        { start: body.offset, end: body.offset + body.length },
      ),
    );
    return undefined;
  }
  const b = new FlatBuilder();
  let first = true;
  for (const prop of body.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (!k || !v) continue;
    if (v.type === 'object' || v.type === 'array') {
      problems.push(
        problem(
          'render/form-nested',
          'error',
          'A form field value must be text, a number or true/false, not a list or object',
          { start: v.offset, end: v.offset + v.length },
        ),
      );
      continue;
    }
    if (!first) b.text('&');
    first = false;
    b.text(formComponent(String(k.value)) + '=');
    if (v.type === 'string') b.template(compileString(text, v, syntax), formComponent);
    else b.text(formComponent(scalarText(v)));
  }
  return b.build();
}

/**
 * Authored text holding half of a surrogate pair (written as a `\uD83D` escape without its other half): no UTF-8
 * request can carry it, so the render refuses it rather than send U+FFFD (values from a sample are refused the same
 * way, in render.ts).
 */
function loneSurrogateProblems(text: string, request: Node): Problem[] {
  const out: Problem[] = [];
  if (text.indexOf('\\u', request.offset) < 0) return out;
  const stack: Node[] = [request];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'string') {
      // A lone half can only come from a \u escape (the file itself was UTF-8).
      if (text.slice(n.offset, n.offset + n.length).indexOf('\\u') < 0) continue;
      const value = decodeStringNode(text, n).value;
      if (hasLoneSurrogate(value))
        out.push(
          problem(
            'render/lone-surrogate',
            'error',
            `This text holds ${loneSurrogateName(value)}, half of a character (a surrogate pair) without its other half: no request can carry it. Write the whole character`,
            { start: n.offset, end: n.offset + n.length },
          ),
        );
    } else for (const c of n.children ?? []) stack.push(c);
  }
  return out;
}
