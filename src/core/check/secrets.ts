import type { NamedCheck } from './types';
import type { ParsedMacro } from '../macro/parse';
import { collectStringSites, decodeStringNode, type DecodedString } from '../macro/sites';
import { problem, type Problem } from '../common/problem';
import { scanPlaceholders, scanTags, scanVars } from '../tags/scanner';
import { BRACKETS, PARENTHESES } from '../project/tagSyntax';
import { isSensitiveHeader } from '../secrets/sensitiveHeader';
import type { ParsedEnvironmentFile } from '../environments/file';

/** A literal secret found in one string value (offsets into the decoded value). */
interface LiteralSecret {
  start: number;
  end: number;
  /** What it looks like, for the message: "a Slack webhook URL". */
  what: string;
  suggestedName: string;
}

/**
 * `secret/literal`: a secret written into the file, where anyone who can read the repository can use it.
 * Only url and header values are looked at (placeholders are not allowed in bodies, so a body has no
 * better place for a value). Problem data for the "Move to secret storage" quick fix:
 * `{ suggestedName, literalStart, literalEnd }` = document offsets of the literal (as in `range`; the
 * source text there may hold JSON escapes).
 */
export const secretCheck: NamedCheck = {
  name: 'secrets',
  run: ctx => findLiteralSecretProblems(ctx.parsed),
};

export function findLiteralSecretProblems(parsed: ParsedMacro): Problem[] {
  const out: Problem[] = [];
  for (const site of collectStringSites(parsed)) {
    if (site.kind !== 'url' && site.kind !== 'header-value') continue;
    const decoded = decodeStringNode(parsed.text, site.node);
    const headerName = site.kind === 'header-value' ? String(site.node.parent?.children?.[0]?.value ?? '') : undefined;
    for (const s of findLiteralSecrets(decoded.value, headerName)) {
      const range = documentRangeOf(decoded, s.start, s.end);
      out.push(
        problem(
          'secret/literal',
          'warning',
          `This looks like ${s.what} written in plain text: anyone who can read this file can use it. Move it to secret storage and write \${secret:${s.suggestedName}} here instead.`,
          range,
          { suggestedName: s.suggestedName, literalStart: range.start, literalEnd: range.end },
        ),
      );
    }
  }
  return out;
}

const WEBHOOK_URLS: Array<[RegExp, string, string]> = [
  [
    /https?:\/\/hooks\.slack(?:-gov)?\.com\/(?:services|workflows|triggers)\/[^\s"'<>]+/gi,
    'a Slack webhook URL',
    'SLACK_WEBHOOK_URL',
  ],
  [
    /https?:\/\/(?:discord|discordapp)\.com\/api\/webhooks\/[^\s"'<>]+/gi,
    'a Discord webhook URL',
    'DISCORD_WEBHOOK_URL',
  ],
  [
    /https?:\/\/[\w.-]+\.webhook\.office\.com\/webhookb2\/[^\s"'<>]+/gi,
    'a Microsoft Teams webhook URL',
    'TEAMS_WEBHOOK_URL',
  ],
];

const KEY_SHAPES: Array<[RegExp, string, string]> = [
  [/\bxox[abposr]-[A-Za-z0-9-]{8,}/g, 'a Slack token', 'SLACK_TOKEN'],
  [/\bgh[pousr]_[A-Za-z0-9]{20,}|\bgithub_pat_[A-Za-z0-9_]{20,}/g, 'a GitHub token', 'GITHUB_TOKEN'],
  [/\b[sr]k_live_[A-Za-z0-9]{10,}/g, 'a Stripe live key', 'STRIPE_KEY'],
  [/\bAKIA[0-9A-Z]{16}\b/g, 'an AWS access key', 'AWS_ACCESS_KEY_ID'],
  [/\bglpat-[A-Za-z0-9_-]{16,}/g, 'a GitLab token', 'GITLAB_TOKEN'],
  [/\bsk-[A-Za-z0-9_-]{20,}/g, 'an API key', 'API_KEY'],
];

const CREDENTIAL_PARAM = String.raw`(?:[\w.-]*(?:token|secret|passw|api[_-]?key|apikey|signature|credential)[\w.-]*|key|sig|auth|password|client_secret)`;
const TOKEN_PARAM = new RegExp(String.raw`[?&;](${CREDENTIAL_PARAM})=([^&#\s]+)`, 'gi');
const CREDENTIAL_PARAM_NAME = new RegExp(`^${CREDENTIAL_PARAM}$`, 'i');

/** A query parameter whose value is a credential (token, api_key, sig, …): the rule of the `secret/literal` check. */
export function isCredentialParam(name: string): boolean {
  return CREDENTIAL_PARAM_NAME.test(name);
}

/** Literal secrets in one url or header value; ranges that hold a tag or a placeholder are not literal. */
export function findLiteralSecrets(value: string, headerName?: string): LiteralSecret[] {
  const found: LiteralSecret[] = [];
  const dynamic = [
    ...scanPlaceholders(value).map(p => [p.start, p.end] as const),
    // A ${var:NAME} is not a literal either: its value is in the environments file (checked there: environments/secret).
    ...scanVars(value).map(v => [v.start, v.end] as const),
    // Tags of either syntax: a value inside one is a tag name, not a literal secret.
    ...[...scanTags(value, PARENTHESES), ...scanTags(value, BRACKETS)]
      .filter(t => t.kind === 'tag')
      .map(t => [t.start, t.end] as const),
  ];
  const isDynamic = (s: number, e: number) => dynamic.some(([ds, de]) => ds < e && s < de);
  const add = (start: number, end: number, what: string, suggestedName: string) => {
    if (end <= start || isDynamic(start, end)) return;
    if (found.some(f => f.start < end && start < f.end)) return;
    found.push({ start, end, what, suggestedName });
  };

  for (const [re, what, name] of WEBHOOK_URLS)
    for (const m of value.matchAll(re)) add(m.index!, m.index! + m[0].length, what, name);
  for (const [re, what, name] of KEY_SHAPES)
    for (const m of value.matchAll(re)) add(m.index!, m.index! + m[0].length, what, name);

  if (headerName !== undefined) {
    const auth = /^\s*(Bearer|Token|Basic)\s+(\S+)\s*$/i.exec(value);
    if (auth && /authorization/i.test(headerName)) {
      const token = auth[2];
      const start = value.indexOf(token, auth[0].indexOf(auth[1]) + auth[1].length);
      const basic = auth[1].toLowerCase() === 'basic';
      if (token.length >= (basic ? 4 : 8))
        add(
          start,
          start + token.length,
          basic ? 'a Basic username:password (base64)' : 'a bearer token',
          basic ? 'BASIC_AUTH' : 'API_TOKEN',
        );
    } else if (isSensitiveHeader(headerName) && !/^(content-|accept)/i.test(headerName)) {
      const t = value.trim();
      const start = value.indexOf(t);
      if (t.length >= 12 && /^[A-Za-z0-9+/=_.:~-]+$/.test(t) && !/^(true|false|null|none|yes|no)$/i.test(t))
        add(start, start + t.length, `a credential in the ${headerName} header`, nameFor(headerName));
    }
  } else {
    for (const m of value.matchAll(TOKEN_PARAM)) {
      const v = m[2];
      const start = m.index! + m[0].length - v.length;
      if (v.length >= 8) add(start, start + v.length, `a credential in the "${m[1]}" query parameter`, nameFor(m[1]));
    }
    const userinfo = /^[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:([^\s@/]+)@/i.exec(value);
    if (userinfo) {
      const start = value.indexOf(userinfo[1], userinfo[0].indexOf(':', userinfo[0].indexOf('//')));
      add(start, start + userinfo[1].length, 'a password in the URL', 'URL_PASSWORD');
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

function nameFor(label: string): string {
  const n = label
    .toUpperCase()
    .replace(/^X-/, '')
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return n || 'API_KEY';
}

function documentRangeOf(decoded: DecodedString, start: number, end: number): { start: number; end: number } {
  const offs = decoded.sourceOffsets;
  const s = offs[Math.min(start, offs.length - 1)];
  // The end is the source offset just after the last character of the literal.
  const last = offs[Math.min(end - 1, offs.length - 1)];
  const next = offs[Math.min(end, offs.length - 1)];
  return { start: s, end: Math.max(next, last + 1) };
}

/**
 * `environments/secret`: a value of the committed `.ccmacro/environments.json` that looks like a credential (the
 * shapes `secret/literal` knows, or a name that says it is one: `JIRA_API_TOKEN`, `PASSWORD`). Everyone with the
 * repository reads that file, and environment values are shown as they are in the preview, the log and Copy for
 * Centercode; a secret belongs in `${secret:NAME}`. The private `.local.json` is not checked: it is the user's own.
 */
export function environmentSecretProblems(parsed: ParsedEnvironmentFile): Problem[] {
  const out: Problem[] = [];
  for (const section of [...parsed.environments, ...(parsed.shared ? [parsed.shared] : [])])
    for (const [name, { value, range }] of section.values) {
      const shape = findLiteralSecrets(value)[0]?.what;
      const what = shape ?? (value.trim() !== '' && isCredentialParam(name) ? `a credential (its name, ${name})` : '');
      if (!what) continue;
      out.push(
        problem(
          'environments/secret',
          'warning',
          `This looks like ${what}, in the committed environments file: everyone with the repository can read it. Keep it in secret storage and write \${secret:NAME} in the macro instead of \${var:${name}}`,
          range,
          { var: name },
        ),
      );
    }
  return out.sort((a, b) => a.range.start - b.range.start);
}
