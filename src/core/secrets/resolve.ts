import type { PlaceholderKind, SecretResolver } from '../host';
import { MASK } from './mask';
import { scanPlaceholders } from '../tags/scanner';
import type { OffsetRange } from '../common/text';
import type { PlaceholderSite, RenderedRequest } from '../render/types';

/** The environment variable the CLI reads a `${secret:NAME}` from (NAME exactly as written). */
export function secretEnvName(name: string): string {
  return `CCMACRO_SECRET_${name}`;
}

/**
 * The environment variable the CLI reads a `${secret:NAME}` from first when sending with `--env ENV`:
 * CCMACRO_SECRET_<ENV>_<NAME>, ENV upper-cased with `-` and `.` written as `_` (eu-prod: CCMACRO_SECRET_EU_PROD_NAME).
 */
function environmentSecretEnvName(environment: string, name: string): string {
  return `CCMACRO_SECRET_${environment.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}_${name}`;
}

/**
 * `${secret:NAME}` and `${env:NAME}` from process environment variables (the CLI). With an environment (`--env`),
 * a secret is read from CCMACRO_SECRET_<ENV>_<NAME> first, then CCMACRO_SECRET_<NAME>.
 */
export class EnvSecretResolver implements SecretResolver {
  constructor(
    private readonly env: Record<string, string | undefined>,
    private readonly environment?: string,
  ) {}
  async get(kind: PlaceholderKind, name: string): Promise<string | undefined> {
    if (kind === 'env') return this.env[name];
    if (this.environment !== undefined) {
      const own = this.env[environmentSecretEnvName(this.environment, name)];
      if (own !== undefined) return own;
    }
    return this.env[secretEnvName(name)];
  }
  describe(kind: PlaceholderKind, name: string): string {
    if (kind === 'env') return `environment variable ${name}`;
    return this.environment !== undefined
      ? `environment variable ${environmentSecretEnvName(this.environment, name)} or ${secretEnvName(name)}`
      : `environment variable ${secretEnvName(name)}`;
  }
}

export interface UnresolvedPlaceholder {
  kind: PlaceholderKind;
  name: string;
  /** `unset`: there is no value; `unusable`: there is one, but it cannot go where the placeholder is (a header). */
  reason: 'unset' | 'unusable';
  /** A plain sentence: what is missing or wrong and how to set it. */
  hint: string;
}

interface ResolvedRequest {
  request: RenderedRequest;
  /** Every resolved value, so logs and errors can mask them. */
  secretValues: string[];
  /** Unset (or unusable) placeholders; when not empty, the request must not be sent. */
  missing: UnresolvedPlaceholder[];
  /** Where the resolved values sit in `request.url` and each header value: masked there by position, whatever their length. */
  secretRanges: ReplacedRanges;
}

/** The author's placeholders in a rendered request (recorded by renderMacro; rescanned for requests built elsewhere). */
export function placeholderSites(request: RenderedRequest): PlaceholderSite[] {
  if (request.placeholders) return request.placeholders;
  const out: PlaceholderSite[] = [];
  for (const p of scanPlaceholders(request.url)) out.push({ part: 'url', ...p });
  request.headers.forEach((h, headerIndex) => {
    for (const p of scanPlaceholders(h.value)) out.push({ part: 'header', headerIndex, ...p });
  });
  return out;
}

/** Where the replaced values landed: offsets into the new url and into each new header value (by index). */
interface ReplacedRanges {
  url: OffsetRange[];
  headers: OffsetRange[][];
}

/** Replace each placeholder site in url/header values using `replace`; other text is untouched. */
function replacePlaceholders(request: RenderedRequest, replace: (p: PlaceholderSite) => string): RenderedRequest {
  return replaceAndLocate(request, replace).request;
}

/** As replacePlaceholders, and where each replacement landed in the result. */
function replaceAndLocate(
  request: RenderedRequest,
  replace: (p: PlaceholderSite) => string,
): { request: RenderedRequest; ranges: ReplacedRanges } {
  const sites = placeholderSites(request);
  if (sites.length === 0) return { request, ranges: { url: [], headers: request.headers.map(() => []) } };
  const apply = (text: string, list: PlaceholderSite[], ranges: OffsetRange[]): string => {
    let out = '';
    let from = 0;
    for (const p of [...list].sort((a, b) => a.start - b.start)) {
      out += text.slice(from, p.start);
      const value = replace(p);
      // Also an empty value: the header still came from a placeholder.
      ranges.push({ start: out.length, end: out.length + value.length });
      out += value;
      from = p.end;
    }
    return out + text.slice(from);
  };
  const ranges: ReplacedRanges = { url: [], headers: [] };
  const url = apply(
    request.url,
    sites.filter(s => s.part === 'url'),
    ranges.url,
  );
  const headers = request.headers.map((h, i) => {
    const list: OffsetRange[] = [];
    ranges.headers.push(list);
    return {
      name: h.name,
      value: apply(
        h.value,
        sites.filter(s => s.part === 'header' && s.headerIndex === i),
        list,
      ),
    };
  });
  const { placeholders: _dropped, ...rest } = request;
  return { request: { ...rest, url, headers }, ranges };
}

/** The request as previews and logs show it: every placeholder shown as ••••. */
export function maskPlaceholders(request: RenderedRequest): RenderedRequest {
  return replacePlaceholders(request, () => MASK);
}

/**
 * Put secret and environment values in place of the author's placeholders. Only placeholders the author
 * wrote are resolved: a sample value that happens to read `${secret:X}` stays text.
 */
export async function resolvePlaceholders(
  request: RenderedRequest,
  resolver: SecretResolver,
): Promise<ResolvedRequest> {
  const sites = placeholderSites(request);
  const values = new Map<string, string | undefined>();
  for (const p of sites) {
    const key = `${p.kind}:${p.name}`;
    if (!values.has(key)) values.set(key, await resolver.get(p.kind, p.name));
  }
  const missing: UnresolvedPlaceholder[] = [];
  const reported = new Set<string>();
  const where = (kind: PlaceholderKind, name: string) =>
    resolver.describe?.(kind, name) ?? (kind === 'secret' ? `secret "${name}"` : `environment variable ${name}`);
  for (const p of sites) {
    const key = `${p.kind}:${p.name}`;
    if (reported.has(key)) continue;
    const v = values.get(key);
    if (v === undefined) {
      reported.add(key);
      missing.push({
        kind: p.kind,
        name: p.name,
        reason: 'unset',
        hint: `\${${p.kind}:${p.name}} is not set: set the ${where(p.kind, p.name)}`,
      });
    } else if (p.part === 'header' && /[\r\n\0]/.test(v)) {
      reported.add(key);
      missing.push({
        kind: p.kind,
        name: p.name,
        reason: 'unusable',
        hint: `The ${where(p.kind, p.name)} is set, but holds a line break, which cannot go in a header; set it again without one`,
      });
    } else if (p.kind === 'env' && p.part === 'url' && /[\s#]/.test(v)) {
      // The sender would cut the URL at a # (a fragment is never sent) and encode a space; curl refuses both (exit 3).
      // Refused for both alike, so a send and the cURL command never disagree.
      reported.add(key);
      missing.push({
        kind: p.kind,
        name: p.name,
        reason: 'unusable',
        hint: `The ${where(p.kind, p.name)} is set, but holds a space, line break or #, which cannot go in a URL as it is; set it again percent-encoded (%20 for a space, %23 for #)`,
      });
    } else if (p.part === 'header' && /[^\t\x20-\x7e\x80-\xff]/.test(v)) {
      reported.add(key);
      missing.push({
        kind: p.kind,
        name: p.name,
        reason: 'unusable',
        hint: `The ${where(p.kind, p.name)} is set, but holds a character that cannot go in a header (only Latin-1 text without control characters can); set it again`,
      });
    }
  }
  const secretValues = [
    ...new Set([...values.values()].filter((v): v is string => typeof v === 'string' && v.length > 0)),
  ];
  const resolved = replaceAndLocate(request, p => values.get(`${p.kind}:${p.name}`) ?? '');
  return { request: resolved.request, secretValues, missing, secretRanges: resolved.ranges };
}
