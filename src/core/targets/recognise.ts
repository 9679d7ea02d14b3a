/**
 * The host of the macro's URL when the macro writes it literally (lower case), else undefined: a URL that is a
 * `${secret:…}` placeholder, or whose host a `((tag))` (or `[[tag]]`) could still extend (only a host followed by a delimiter
 * before the first tag counts). Targets recognise a macro by it (Target.recognition).
 */
export function literalUrlHost(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  const tag = firstTagOpening(url);
  const prefix = tag < 0 ? url : url.slice(0, tag);
  const m = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/?#:@]+)/.exec(prefix);
  return m && (tag < 0 || m[0].length < prefix.length) ? m[1].toLowerCase() : undefined;
}

/**
 * Where the first tag of either syntax may open in a URL (-1: none): a `[[` in a parentheses project is warned about as
 * a tag written the other way, so recognition does not read it as part of the address either.
 */
export function firstTagOpening(url: string): number {
  return url.search(/\(\(|\[\[/);
}
