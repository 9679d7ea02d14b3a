/** Output encoders: each turns a plain value into the text that is safe where it lands. */

// Characters JSON.stringify would escape (plus surrogates, so lone halves go through it too).
const JSON_NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** The inside of a JSON string literal for `s` (no quotes). Parses back to exactly `s`. */
export function jsonStringContent(s: string): string {
  if (!JSON_NEEDS_ESCAPE.test(s)) return s;
  const q = JSON.stringify(s);
  return q.slice(1, q.length - 1);
}

const XML_TEXT_SPECIAL = /[&<>"'\r]/;
const XML_ATTR_SPECIAL = /[&<>"'\t\n\r]/;
const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/**
 * A value in XML element text: markup characters as entities, and CR as `&#13;` (a raw CR would reach the reader
 * as LF: XML normalises line ends). Characters XML cannot hold at all are refused before (xmlBadCharacter).
 */
export function xmlEscape(s: string): string {
  if (!XML_TEXT_SPECIAL.test(s)) return s;
  return s.replace(/[&<>"'\r]/g, c => XML_ENTITIES[c]);
}

/** A value in an XML attribute: as in text, and TAB, LF, CR as character references (else normalised to spaces). */
export function xmlAttributeEscape(s: string): string {
  if (!XML_ATTR_SPECIAL.test(s)) return s;
  return s.replace(/[&<>"'\t\n\r]/g, c => XML_ENTITIES[c]);
}

/** A value inside `<![CDATA[…]]>`: `]]>` and CR cannot be written there, so the section is closed around them. */
export function xmlCdataEscape(s: string): string {
  if (s.indexOf(']]>') < 0 && s.indexOf('\r') < 0) return s;
  return s.replace(/]]>/g, ']]]]><![CDATA[>').replace(/\r/g, ']]>&#13;<![CDATA[');
}

/** The first character XML 1.0 cannot hold in any form (not even as `&#…;`): most C0 controls, U+FFFE, U+FFFF. */
export function xmlBadCharacter(s: string): string | undefined {
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.exec(s)?.[0];
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Replace lone surrogate halves (which no URL or UTF-8 can carry) with U+FFFD. */
function toWellFormed(s: string): string {
  return s.replace(new RegExp(LONE_SURROGATE.source, 'g'), '\ufffd');
}

const SURROGATE = /[\ud800-\udfff]/;

/** Half of a surrogate pair without its other half: no UTF-8 text, URL or JSON reader can carry it. */
export function hasLoneSurrogate(s: string): boolean {
  // Most values hold no surrogate at all: one cheap scan says so (this runs once per value in every render).
  return SURROGATE.test(s) && LONE_SURROGATE.test(s);
}

/** "U+D800" for the first lone surrogate half in `s`. */
export function loneSurrogateName(s: string): string | undefined {
  const m = LONE_SURROGATE.exec(s);
  return m ? 'U+' + m[0].charCodeAt(0).toString(16).toUpperCase() : undefined;
}

/** A character for messages: "U+0001", with the character itself when it is printable. */
export function characterName(ch: string): string {
  return 'U+' + ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
}

/**
 * A value in a URL path segment, query or fragment: everything but RFC 3986's unreserved characters
 * (A–Z a–z 0–9 - . _ ~) is percent-encoded, `/` and `'` too, so URL parsers (WHATWG, which undici uses) read the URL
 * exactly as written and the exchange log shows what went on the wire. Lone surrogates are refused before this.
 */
export function urlComponent(s: string): string {
  return encodeURIComponent(toWellFormed(s)).replace(/[!'()*]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** application/x-www-form-urlencoded, byte-for-byte as URLSearchParams writes it (space as +). */
export function formComponent(s: string): string {
  return encodeURIComponent(toWellFormed(s))
    .replace(/%20/g, '+')
    .replace(/[!'()~]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}
