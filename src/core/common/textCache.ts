/**
 * What was parsed from a file, kept while the file's text stays the same: the same text is parsed once,
 * so work repeated on every keystroke (catalog resolution, sample reading) stays cheap. Holds at most
 * `max` files, dropping the oldest.
 */
export class TextCache<T> {
  private readonly map = new Map<string, { text: string; value: T }>();
  constructor(
    private readonly parse: (text: string) => T,
    private readonly max = 64,
  ) {}

  get(key: string, text: string): T {
    const hit = this.map.get(key);
    if (hit && hit.text === text) return hit.value;
    const value = this.parse(text);
    if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value as string);
    this.map.set(key, { text, value });
    return value;
  }
}
