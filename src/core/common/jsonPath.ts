import type { Node } from 'jsonc-parser';
import type { OffsetRange } from './text';

/** One step into a JSON value: a property name or an array index. */
export type PathSegment = string | number;

/** Splits a JSON Pointer ("/request/headers/Content-Type") into segments; digits stay strings. */
export function pointerSegments(pointer: string): string[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * The node at a path. Unlike jsonc-parser's findNodeAtLocation, a duplicated key resolves to its
 * last occurrence, which is the one the parsed value keeps, and digit segments index arrays.
 */
export function nodeAtPath(root: Node | undefined, path: readonly PathSegment[]): Node | undefined {
  let node = root;
  for (const seg of path) {
    if (!node) return undefined;
    if (node.type === 'array') {
      const i = typeof seg === 'number' ? seg : /^\d+$/.test(seg) ? Number(seg) : -1;
      node = node.children?.[i];
    } else if (node.type === 'object') {
      let found: Node | undefined;
      for (const prop of node.children ?? []) {
        if (prop.children?.[0]?.value === String(seg)) found = prop.children[1];
      }
      node = found;
    } else {
      return undefined;
    }
  }
  return node;
}

/** The property-name node of the property whose value is `valueNode`, if it is an object property. */
export function keyNodeOf(valueNode: Node): Node | undefined {
  const prop = valueNode.parent;
  return prop?.type === 'property' ? prop.children?.[0] : undefined;
}

/** The key nodes of every property called `name` in an object node. */
export function propertyKeyNodes(objectNode: Node | undefined, name: string): Node[] {
  if (objectNode?.type !== 'object') return [];
  const out: Node[] = [];
  for (const prop of objectNode.children ?? []) {
    const key = prop.children?.[0];
    if (key && key.value === name) out.push(key);
  }
  return out;
}

export function nodeRange(node: Node): OffsetRange {
  return { start: node.offset, end: node.offset + node.length };
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A path as people read it: `request.headers["Content Type"]`, `triggers[1].schedule`. */
export function formatJsonPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number' || /^\d+$/.test(seg)) out += `[${seg}]`;
    else if (IDENTIFIER.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}
