import type { Node } from 'jsonc-parser';
import { scanPlaceholders } from '../tags/scanner';
import type { StringTemplate, TagHole } from './segments';
import type { ValueType } from './types';

export interface FlatHole extends TagHole {
  /** Index of the tag's name in FlatTemplate.names (so a render can memoize per name without hashing). */
  nameIndex: number;
  /** JSON bodies only: the string was `((Tag)):type`, so the value is written as a JSON value. */
  typed?: ValueType;
  /** JSON bodies only: the indentation of the line the value sits on (for multi-line typed values). */
  indent?: string;
  /** JSON bodies only: the string node the tag is written in (the target escapes by the kind of field it is). */
  node?: Node;
  /** Where in its output the value lands when that changes how it is written (see HoleContext). */
  ctx?: HoleContext;
  /** A `${var:NAME}` (nameIndex -1): how the author's own text is written where it sits, which its value is too. */
  literal?: (s: string) => string;
}

/**
 * Where a value lands, when the body format alone does not say how to write it:
 * - `xml-text`, `xml-attr`, `xml-cdata`: element text, an attribute value, a CDATA section;
 * - `xml-markup`: inside a tag name, comment, processing instruction or declaration, where no value is safe.
 * (In a JSON body the target decides by the kind of field the string is: render/fields.ts.)
 */
export type HoleContext = 'xml-text' | 'xml-attr' | 'xml-cdata' | 'xml-markup';

/**
 * A compiled output template: text chunks (already in their output encoding) with holes between them.
 * Invariant: chunks.length === holes.length + 1.
 */
export interface FlatTemplate {
  chunks: string[];
  holes: FlatHole[];
  /** Distinct tag names, in first-use order. */
  names: string[];
}

/** Builds a FlatTemplate by appending encoded text and holes. */
export class FlatBuilder {
  private readonly chunks: string[] = [];
  private readonly holes: FlatHole[] = [];
  private readonly names: string[] = [];
  private readonly nameIndex = new Map<string, number>();
  // Pieces of the chunk being built, joined once (a flat string) when a hole or the end closes it.
  private pieces: string[] = [];
  /** The length of the literal text appended so far (UTF-16 code units). */
  size = 0;

  text(s: string): void {
    this.pieces.push(s);
    this.size += s.length;
  }
  hole(h: TagHole & Partial<FlatHole>): void {
    this.chunks.push(this.pieces.join(''));
    this.pieces = [];
    let nameIndex = h.var ? -1 : this.nameIndex.get(h.name);
    if (nameIndex === undefined) {
      nameIndex = this.names.length;
      this.names.push(h.name);
      this.nameIndex.set(h.name, nameIndex);
    }
    // One object shape for every hole keeps the render loop monomorphic.
    this.holes.push({
      name: h.name,
      source: h.source,
      nameIndex,
      typed: h.typed,
      indent: h.indent,
      node: h.node,
      ctx: h.ctx,
      var: h.var,
      literal: h.literal,
    });
  }
  /**
   * Append an authored string: its literal parts encoded with `encode`, its tags as holes (in string `node`, each
   * in context `ctx(holeIndex)`).
   */
  template(
    t: StringTemplate,
    encode: (s: string) => string,
    where: { node?: Node; ctx?: (holeIndex: number) => HoleContext | undefined } = {},
  ): void {
    const { node, ctx } = where;
    this.text(encode(t.literals[0]));
    for (let i = 0; i < t.holes.length; i++) {
      const h = t.holes[i];
      if (h.var) this.hole({ ...h, ctx: ctx?.(i), literal: encode });
      else this.hole(node || ctx ? { ...h, node, ctx: ctx?.(i) } : h);
      this.text(encode(t.literals[i + 1]));
    }
  }
  build(): FlatTemplate {
    return { chunks: [...this.chunks, this.pieces.join('')], holes: this.holes, names: this.names };
  }
}

export function flatFromString(
  t: StringTemplate,
  encode: (s: string) => string = s => s,
  ctx?: (holeIndex: number) => HoleContext | undefined,
): FlatTemplate {
  const b = new FlatBuilder();
  b.template(t, encode, { ctx });
  return b.build();
}

/** Authored `${secret:…}`/`${env:…}` in the literal chunks (never in values), with the chunk they sit in. */
export interface ChunkPlaceholder {
  chunk: number;
  start: number;
  end: number;
  kind: 'secret' | 'env';
  name: string;
}

export function chunkPlaceholders(f: FlatTemplate): ChunkPlaceholder[] {
  const out: ChunkPlaceholder[] = [];
  f.chunks.forEach((c, chunk) => {
    for (const p of scanPlaceholders(c)) out.push({ chunk, start: p.start, end: p.end, kind: p.kind, name: p.name });
  });
  return out;
}
