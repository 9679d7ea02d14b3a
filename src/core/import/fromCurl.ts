/**
 * A cURL command as a new macro: parsed (curl.ts), browser-only headers left out, credentials moved to
 * `${secret:…}` placeholders (credentials.ts), the target recognised, the body mapped (body.ts).
 */
import { pushAll } from '../common/arrays';
import { problem, type Problem } from '../common/problem';
import { fail, ok, type Result } from '../common/result';
import { defaultMacroName } from '../centercode/form';
import type { TargetId } from '../targets';
import { importBody } from './body';
import { moveCredentials, SecretNames, type ImportedSecret } from './credentials';
import { parseCurl, type CurlHeader, type CurlRequest } from './curl';
import { defaultMasker } from '../secrets/mask';
import { scanPlaceholders } from '../tags/scanner';
import { macroText, recogniseTarget, secretComment } from './macroText';

export interface ImportedMacro {
  name: string;
  /** The `.ccmacro.json` text. Holds no secret value. */
  text: string;
  target: TargetId;
  /** The values moved out of the file, for the editor to offer to store; the CLI prints only their names. */
  secrets: ImportedSecret[];
  /** Plain sentences: what was left out or changed, and why. Never a secret value. */
  notes: string[];
}

/**
 * Headers a browser adds by itself (fetch metadata, client hints, connection management), and the ones curl works
 * out from the request: left out of the macro, with one note naming them.
 */
const BROWSER_ONLY =
  /^(sec-ch-ua.*|sec-fetch-.*|sec-gpc|sec-purpose|dnt|priority|upgrade-insecure-requests|authority|method|path|scheme|host|content-length|connection|keep-alive|accept-encoding|te|purpose)$/i;
/** Headers that say the request came from a page in a browser: left out when the command is a browser copy. */
const BROWSER_PAGE = /^(user-agent|origin|referer|accept-language|pragma|cache-control|x-requested-with)$/i;

/** Which headers of the parsed request the macro leaves out, and the note saying so. */
export function droppedHeaders(request: CurlRequest): { keep: CurlHeader[]; dropped: string[] } {
  const browser = request.headers.some(
    h => /^sec-(fetch|ch-ua)/i.test(h.name) || (/^user-agent$/i.test(h.name) && /^Mozilla\//.test(h.value)),
  );
  const keep: CurlHeader[] = [];
  const dropped: string[] = [];
  for (const h of request.headers) {
    if (h.origin === 'header' && (BROWSER_ONLY.test(h.name) || (browser && BROWSER_PAGE.test(h.name))))
      dropped.push(h.name);
    else keep.push(h);
  }
  return { keep, dropped };
}

export interface CurlImportOptions {
  /** The macro's name; default "Webhook to <host>". */
  name?: string;
  /** Secret names already used by this import (or the workspace). */
  secretNames?: SecretNames;
}

/** The macro for a cURL command, or where and why the command cannot be imported. */
export function curlToMacro(command: string, options: CurlImportOptions = {}): Result<ImportedMacro, Problem> {
  const parsed = parseCurl(command);
  if (!parsed.ok) {
    const e = parsed.error;
    // The message quotes the command where it stops, which may be in the middle of a credential.
    return fail(problem(e.code, 'error', defaultMasker.text(e.message), { start: e.start, end: e.end }));
  }
  const req = parsed.value;
  const notes = [...req.notes];
  const { keep, dropped } = droppedHeaders(req);
  if (dropped.length)
    notes.push(
      `Left out ${dropped.length === 1 ? 'a header' : `${dropped.length} headers`} the browser or curl adds by itself: ${dropped.join(', ')}.`,
    );

  // Duplicate names (curl sends each): one header, values joined as HTTP joins them (cookies with "; ").
  const headers: Array<{ name: string; value: string }> = [];
  const byName = new Map<string, { name: string; value: string }>();
  for (const h of keep) {
    const lower = h.name.toLowerCase();
    const same = byName.get(lower);
    if (!same) {
      const entry = { name: h.name, value: h.value };
      byName.set(lower, entry);
      headers.push(entry);
    } else {
      same.value += (lower === 'cookie' ? '; ' : ', ') + h.value;
      notes.push(`The ${h.name} header is given twice: the macro sends it once, the values joined.`);
    }
  }
  const contentType = byName.get('content-type')?.value;
  const body = req.body === undefined ? undefined : importBody(req.body, contentType);
  if (body) pushAll(notes, body.notes);
  if (req.method === 'GET' && body)
    notes.push('curl sends this body with a GET request; so does the macro, but many servers ignore it.');

  const bodyValue = body?.format === 'json' ? safeParse(req.body!) : undefined;
  let target = recogniseTarget(req.url, bodyValue);
  if (target === 'teams' && !isTeamsMessage(bodyValue)) {
    // ccmacro's Teams target is a Workflows message (an Adaptive Card in an envelope), which the checks hold it to.
    target = 'generic';
    notes.push(
      'The URL is a Microsoft Teams incoming webhook, but the body is not a Teams Workflows message ("type": "message" with an Adaptive Card in "attachments"), so the macro is generic: Microsoft is retiring these connectors, and ccmacro\'s Teams target is for Workflows (see New Webhook Macro → Microsoft Teams).',
    );
  }
  const names = options.secretNames ?? new SecretNames();
  const moved = moveCredentials({ url: req.url, headers, target }, names);
  const secrets = usedSecrets(names, [moved.url, ...moved.headers.map(h => h.value)]);
  if (body && /\b(xox[abposr]-|gh[pousr]_|github_pat_|glpat-|sk-|AKIA)[A-Za-z0-9_-]{8,}/.test(req.body!))
    notes.push(
      'The body seems to hold a token. A macro fills secrets in only in the URL and headers, so it stays in the body: move it to a header if the service allows.',
    );

  const name = options.name?.trim() || defaultMacroName(req.url.startsWith('${') ? '' : req.url);
  const text = macroText({
    name,
    description: 'Imported from a cURL command.',
    comment: [
      `Imported from a cURL command (${req.dialect === 'cmd' ? 'Windows cmd' : 'POSIX shell'} quoting) by ccmacro.`,
      ...secretComment(secrets),
    ],
    target,
    method: req.method,
    url: moved.url,
    headers: moved.headers,
    body,
  });
  return ok({ name, text, target, secrets, notes });
}

/** The secrets of `names` that these texts refer to. */
export function usedSecrets(names: SecretNames, texts: readonly string[]): ImportedSecret[] {
  const used = new Set<string>();
  for (const t of texts) for (const p of scanPlaceholders(t)) if (p.kind === 'secret') used.add(p.name);
  return names.list().filter(s => used.has(s.name));
}

function isTeamsMessage(body: unknown): boolean {
  const b = body as { type?: unknown; attachments?: unknown } | undefined;
  return !!b && typeof b === 'object' && b.type === 'message' && Array.isArray(b.attachments);
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
