/**
 * Where a URL goes: its host as the WHATWG URL parser (what undici and every browser use) reads it, so what ccmacro
 * names, remembers, asks about and recognises is the host a send really reaches, never what a URL only looks like
 * (`https://hooks.slack.com@evil.example/` goes to evil.example; `https://evil.example\@hooks.slack.com/` too).
 * The one home of this idea: the sender's messages, the known hosts, the `$confirm` question, target recognition.
 */

/** The host name in lower case ("hooks.slack.com", "::1" without brackets); undefined when the URL does not parse. */
export function hostOf(url: string): string | undefined {
  const u = parse(url);
  return u?.hostname ? u.hostname.toLowerCase().replace(/^\[|\]$/g, '') : undefined;
}

/**
 * The host and a port other than the scheme's default, in lower case ("hooks.slack.com", "example.com:8443",
 * "[::1]:8080"): what the known hosts remember and the editor asks about. Undefined when the URL does not parse.
 */
export function hostAndPortOf(url: string): string | undefined {
  const u = parse(url);
  return u?.host ? u.host.toLowerCase() : undefined;
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * The host of a macro's URL when the macro writes it literally (lower case), else undefined: a URL that is a
 * placeholder (`${secret:…}`, `${var:…}`), or whose host a `((tag))` (or `[[tag]]`) could still extend (only an address whose host
 * ends at a delimiter, `/`, `?`, `#` or `\`, before the first tag counts). Targets recognise a macro by it.
 */
export function literalUrlHost(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  const tag = firstTagOpening(url);
  const prefix = tag < 0 ? url : url.slice(0, tag);
  // The scheme and the authority (user info, host, port), ended by a delimiter, or by the end of a URL without tags.
  const m = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#\\]*/.exec(prefix);
  if (!m || (tag >= 0 && m[0].length === prefix.length) || m[0].includes('${')) return undefined;
  return hostOf(`${m[0]}/`);
}

/**
 * Where the first tag of either syntax may open in a URL (-1: none): a `[[` in a parentheses project is warned about as
 * a tag written the other way, so recognition does not read it as part of the address either.
 */
export function firstTagOpening(url: string): number {
  return url.search(/\(\(|\[\[/);
}
