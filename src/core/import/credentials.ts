/**
 * Which values of an imported request are credentials, and the `${secret:NAME}` placeholders that take their place.
 * One rule set for every importer (cURL, Postman), built on the check that warns about literal secrets
 * (`secret/literal`, findLiteralSecrets), so an imported macro never draws that warning. The values are handed back
 * to the caller (the editor offers to store them), never written into a file or printed.
 */
import { findLiteralSecrets } from '../check/secrets';
import { literalUrlHost } from '../common/urlHost';
import { isSensitiveHeader } from '../secrets/sensitiveHeader';
import { scanPlaceholders } from '../tags/scanner';

export interface ImportedSecret {
  /** The placeholder's name: `${secret:NAME}`. */
  name: string;
  /** The value to store. Never written to a file, a log or the terminal. */
  value: string;
  /** What it is, in plain words: "the token of the Authorization header". */
  what: string;
}

/**
 * Hands out secret names for one import: the same value keeps one name; a name already used for another value gets
 * `_2`, `_3`, … .
 */
export class SecretNames {
  private readonly byName = new Map<string, ImportedSecret>();
  private readonly byValue = new Map<string, ImportedSecret>();
  /** The next number to try per base name, so many values under one base stay linear. */
  private readonly next = new Map<string, number>();

  /** The placeholder name for `value`, registering it. `base` is upper-case letters, digits and _. */
  name(base: string, value: string, what: string): string {
    const same = this.byValue.get(value);
    if (same) return same.name;
    let name = base;
    for (let n = this.next.get(base) ?? 2; this.byName.has(name); n++) {
      name = `${base}_${n}`;
      this.next.set(base, n + 1);
    }
    const s = { name, value, what };
    this.byName.set(name, s);
    this.byValue.set(value, s);
    return name;
  }

  /**
   * A secret that already has its name (a Postman variable): registered once; its value (empty when the import does
   * not know it) is the user's to set.
   */
  variable(name: string, value: string, what: string): string {
    const known = this.byName.get(name);
    if (known) {
      if (!known.value && value) known.value = value;
      return name;
    }
    const s = { name, value, what };
    this.byName.set(name, s);
    if (value && !this.byValue.has(value)) this.byValue.set(value, s);
    return name;
  }

  list(): ImportedSecret[] {
    return [...this.byName.values()];
  }
}

/**
 * A word that names the service from the URL's host, to prefix secret names ("api.github.com" → GITHUB,
 * "acme.atlassian.net" → ATLASSIAN, "x.my.salesforce.com" → SALESFORCE), so secrets of different services imported
 * into one workspace do not share a name. Empty for an address, localhost or a host ccmacro cannot see.
 */
export function serviceWord(url: string): string {
  const host = literalUrlHost(url);
  if (!host || /^[\d.]+$/.test(host) || host.startsWith('[')) return '';
  const labels = host.split('.').filter(Boolean);
  if (labels.length < 2) return '';
  let label = labels[labels.length - 2];
  if (labels.length >= 3 && /^(co|com|org|net|gov|ac|edu|ne|or)$/.test(label)) label = labels[labels.length - 3];
  return secretWord(label);
}

/** Text as a secret-name word: upper case, runs of other characters as one _, no leading digit. */
function secretWord(s: string): string {
  const w = s
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[0-9]/.test(w) ? `_${w}` : w;
}

function prefixed(prefix: string, base: string): string {
  return !prefix || base === prefix || base.startsWith(prefix + '_') ? base : `${prefix}_${base}`;
}

/** Names findLiteralSecrets suggests that already say which service they belong to. */
const SERVICE_NAMES = /^(SLACK|TEAMS|DISCORD|GITHUB|GITLAB|STRIPE|AWS)_/;

interface CredentialInput {
  url: string;
  headers: Array<{ name: string; value: string }>;
  /** The macro's target as recognised from the URL: a Teams workflow URL is a secret as a whole. */
  target?: string;
}

interface CredentialResult {
  url: string;
  headers: Array<{ name: string; value: string }>;
  /** One sentence per value moved, without the value: "the Authorization header's token → ${secret:X}". */
  moved: string[];
}

/**
 * The request with every credential replaced by a `${secret:NAME}` placeholder:
 * - the URL: a Slack, Teams or Discord webhook URL (and a Teams workflow URL) as a whole; a token-like query parameter
 *   (token, api_key, sig, key, …), a password in the URL, a known token shape (xoxb-…, ghp_…) by itself;
 * - Authorization and Proxy-Authorization: the credential after the scheme word (`Bearer ${secret:X}`);
 * - Cookie and other credential headers (X-API-Key, …): the whole value; a known token shape in any other header.
 * Text that already is a placeholder (a shell variable, a Postman variable) is left alone.
 */
export function moveCredentials(input: CredentialInput, names: SecretNames): CredentialResult {
  const prefix = serviceWord(input.url);
  const moved: string[] = [];
  const secretName = (base: string, value: string, what: string) => {
    const name = names.name(SERVICE_NAMES.test(base) ? base : prefixed(prefix, base), value, what);
    moved.push(`${what} → \${secret:${name}}`);
    return `\${secret:${name}}`;
  };

  let url = input.url;
  const teamsWorkflow = input.target === 'teams' && !/^\$\{/.test(url);
  // Text inside a ${var:NAME} placeholder is not a literal credential.
  const vars = [...url.matchAll(/\$\{var:[A-Za-z_][A-Za-z0-9_]*\}/g)].map(m => [m.index, m.index + m[0].length]);
  const found = findLiteralSecrets(url).filter(f => !vars.some(([s, e]) => s < f.end && f.start < e));
  const whole = found.find(f => f.start === 0 && f.end === url.length && /WEBHOOK_URL$/.test(f.suggestedName));
  if (whole) url = secretName(whole.suggestedName, url, `the ${whole.what.replace(/^an? /, '')}`);
  else if (teamsWorkflow) url = secretName('TEAMS_WORKFLOW_URL', url, 'the Teams workflow URL');
  else url = replaceFound(url, found, (f, v) => secretName(f.suggestedName, v, withoutArticle(f.what)));

  const headers = input.headers.map(h => {
    const value = h.value;
    if (!value || scanPlaceholders(value).length > 0 || /\$\{var:/.test(value)) return h;
    const lower = h.name.toLowerCase();
    if (lower === 'authorization' || lower === 'proxy-authorization') {
      const scheme = /^(\S+)([ \t]+)(\S[\s\S]*)$/.exec(value);
      if (
        scheme &&
        /^(bearer|basic|token|digest|bot|negotiate|ntlm|apikey|sso-key|key|otoken|oauth)$/i.test(scheme[1])
      ) {
        const word = scheme[1].toLowerCase();
        const base =
          word === 'basic' ? 'BASIC_AUTH' : word === 'bearer' || word === 'token' ? 'API_TOKEN' : secretWord(h.name);
        const what =
          word === 'basic'
            ? `the ${h.name} header's user:password (base64)`
            : word === 'bearer' || word === 'token'
              ? `the ${h.name} header's token`
              : `the ${h.name} header's ${scheme[1]} credential`;
        return { name: h.name, value: `${scheme[1]}${scheme[2]}${secretName(base, scheme[3], what)}` };
      }
      return { name: h.name, value: secretName(secretWord(h.name), value, `the ${h.name} header`) };
    }
    if (lower === 'cookie' || (isSensitiveHeader(h.name) && !/^(content-|accept)/i.test(h.name)))
      return { name: h.name, value: secretName(secretWord(h.name.replace(/^x-/i, '')), value, `the ${h.name} header`) };
    const inValue = findLiteralSecrets(value, h.name);
    return inValue.length === 0
      ? h
      : {
          name: h.name,
          value: replaceFound(value, inValue, (f, v) =>
            secretName(f.suggestedName, v, `${withoutArticle(f.what)} in the ${h.name} header`),
          ),
        };
  });
  return { url, headers, moved };
}

function withoutArticle(what: string): string {
  return what.replace(/^an? /, 'the ');
}

function replaceFound(
  text: string,
  found: ReturnType<typeof findLiteralSecrets>,
  placeholder: (f: ReturnType<typeof findLiteralSecrets>[number], value: string) => string,
): string {
  let out = '';
  let from = 0;
  for (const f of found) {
    out += text.slice(from, f.start) + placeholder(f, text.slice(f.start, f.end));
    from = f.end;
  }
  return out + text.slice(from);
}
