/**
 * The text of an imported macro file: a comment on top saying where it came from and which secrets to set, then
 * the macro as JSON with 2-space indent (the body as importBody wrote it).
 */
import { visible } from '../common/controlChars';
import { FORMAT_VERSION } from '../macro/model';
import { FALLBACK_TARGET, targetFromUrl, type TargetId } from '../targets';
import { parseMacro } from '../macro/parse';
import { secretEnvName } from '../secrets/resolve';
import type { ImportedBody } from './body';
import { escapeTags } from './body';
import type { ImportedSecret } from './credentials';

interface MacroParts {
  name: string;
  description: string;
  /** Lines for the comment on top (plain sentences; shown with control characters visible). */
  comment: string[];
  target: TargetId;
  method: string;
  url: string;
  headers: Array<{ name: string; value: string }>;
  body?: ImportedBody;
}

const BODY = '\u0000ccmacro-body\u0000';

export function macroText(parts: MacroParts): string {
  const request: Record<string, unknown> = { method: parts.method, url: escapeTags(parts.url) };
  if (parts.headers.length) {
    const headers: Record<string, string> = {};
    for (const h of parts.headers) headers[h.name] = escapeTags(h.value);
    request.headers = headers;
  }
  if (parts.body) {
    if (parts.body.format !== 'json') request.bodyFormat = parts.body.format;
    request.body = BODY;
  }
  const macro: Record<string, unknown> = { version: FORMAT_VERSION, name: parts.name, description: parts.description };
  if (parts.target !== FALLBACK_TARGET.id) macro.target = parts.target;
  macro.request = request;
  let json = JSON.stringify(macro, null, 2);
  if (parts.body) {
    // The body sits at depth 2 ("    \"body\": …"): its lines after the first get that indent.
    const body = parts.body.json.replace(/\n/g, '\n    ');
    // The last occurrence: the body is the request's last member, and the request the macro's (a name cannot move it).
    const at = json.lastIndexOf(JSON.stringify(BODY));
    json = json.slice(0, at) + body + json.slice(at + JSON.stringify(BODY).length);
  }
  const comment = parts.comment.map(line => `// ${visible(line).replace(/\r?\n/g, ' ')}`).join('\n');
  return `${comment ? comment + '\n' : ''}${json}\n`;
}

/** Comment lines naming each secret and how to set it (never its value). */
export function secretComment(secrets: readonly ImportedSecret[]): string[] {
  if (secrets.length === 0) return [];
  return [
    `Secrets (kept out of this file): set each with "ccmacro: Set Secret", or for the CLI as the environment variable named:`,
    ...secrets.map(s => `  \${secret:${s.name}}: ${s.what} (${secretEnvName(s.name)})`),
  ];
}

/**
 * What the macro posts to, as ccmacro recognises it from the literal URL (and, for Power Automate, the body): the
 * same recognition `"target"` falls back to, so a new target taught to it is recognised here too.
 */
export function recogniseTarget(url: string, body: unknown): TargetId {
  const probe = JSON.stringify({ name: 'probe', request: { method: 'POST', url, body } });
  return targetFromUrl(parseMacro(probe));
}
