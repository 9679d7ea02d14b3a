import type { Node } from 'jsonc-parser';
import { decodeStringNode } from '../macro/sites';
import type { OffsetRange } from '../common/text';

/**
 * A JSON string literal's value with a lazy map back to document offsets. Checking a 1 MB macro
 * decodes tens of thousands of strings; building a full offset table for each (decodeStringNode)
 * costs more than the checks, so the value comes from the engine's JSON.parse and offsets are
 * walked only for the few ranges a problem needs, in increasing order (the first step back builds the table).
 */
export class StringLiteral {
  readonly value: string;
  private table: Int32Array | undefined;
  private readonly contentStart: number;
  private readonly escaped: boolean;
  private walkValue = 0;
  private walkSource: number;

  constructor(
    private readonly text: string,
    private readonly node: Node,
  ) {
    this.contentStart = node.offset + 1;
    this.walkSource = this.contentStart;
    const closed = node.length >= 2 && text.charCodeAt(node.offset + node.length - 1) === 34;
    const raw = text.slice(this.contentStart, node.offset + node.length - (closed ? 1 : 0));
    this.escaped = raw.indexOf('\\') >= 0;
    let value: string | undefined = raw;
    if (this.escaped || !closed) {
      try {
        value = closed ? (JSON.parse(text.slice(node.offset, node.offset + node.length)) as string) : undefined;
      } catch {
        value = undefined; // raw control characters or bad escapes: the exact decoder copes
      }
    }
    if (value === undefined) {
      const d = decodeStringNode(text, node);
      this.table = d.sourceOffsets;
      value = d.value;
    }
    this.value = value;
  }

  /** Document offset of value index i (i = value.length: the closing quote). */
  offsetAt(i: number): number {
    if (this.table) return this.table[Math.min(i, this.table.length - 1)];
    if (!this.escaped) return this.contentStart + i;
    if (i < this.walkValue) {
      // Asked for an earlier offset (a tag's name after its end): walking again from the start for each would be
      // quadratic on a string with many problems, so build the whole table once.
      this.table = decodeStringNode(this.text, this.node).sourceOffsets;
      return this.table[Math.min(i, this.table.length - 1)];
    }
    const t = this.text;
    while (this.walkValue < i) {
      if (t.charCodeAt(this.walkSource) === 92 /* \ */)
        this.walkSource += t.charCodeAt(this.walkSource + 1) === 117 /* u */ ? 6 : 2;
      else this.walkSource++;
      this.walkValue++;
    }
    return this.walkSource;
  }

  range(start: number, end: number): OffsetRange {
    const s = this.offsetAt(start);
    return { start: s, end: this.offsetAt(end) };
  }
}
