import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { visible } from '../common/controlChars';
import { defaultMasker, type Masker } from '../secrets/mask';
import type { HttpHeader } from '../render/types';
import { formatJsonPath } from '../common/jsonPath';
import { checkTeamsMessage } from '../render/teamsCard';
import { pushAll } from '../common/arrays';
import { headerValue } from '../common/headers';
import { reindentJson } from '../common/jsonDepth';

/** One request the test receiver got, and what it answered. */
export interface ReceivedRequest {
  /** ISO 8601 arrival time. */
  time: string;
  method: string;
  /** Path and query, e.g. "/slack/escalate?x=1". */
  path: string;
  headers: HttpHeader[];
  bodyText: string;
  /** Full body size; bodies beyond MAX_RECORDED_BODY are counted, not kept. */
  bodyBytes: number;
  response: ReceiverAnswer;
}

export interface ReceiverAnswer {
  status: number;
  body: string;
  /** What Slack or Teams would do beyond the answer, e.g. truncate long text. */
  note?: string;
}

export interface ReceiverOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the receiver is for this machine only. */
  host?: string;
  /** Requests kept in `requests` (oldest dropped). Default 200. */
  keep?: number;
}

export interface Receiver {
  /** e.g. "http://127.0.0.1:53124" (no trailing slash). */
  readonly url: string;
  readonly port: number;
  readonly requests: readonly ReceivedRequest[];
  /** Called for each request after it is answered. Returns an unsubscribe function. */
  onRequest(listener: (r: ReceivedRequest) => void): () => void;
  close(): Promise<void>;
}

/** What Slack accepts at most in one incoming-webhook message. */
export const SLACK_LIMITS = { blocks: 50, sectionText: 3000, text: 40000, body: 1024 * 1024 } as const;
const MAX_RECORDED_BODY = 1024 * 1024;

/**
 * A local HTTP server that records every request and answers 200 `ok`, so a macro can be tried
 * without a Slack workspace or a network. Paths under /slack/ are checked the way Slack's incoming
 * webhooks check them and get Slack's error bodies; paths under /teams/ are checked as a Teams Workflow
 * would post the card (see checkTeamsPayload).
 */
export function startReceiver(options: ReceiverOptions = {}): Promise<Receiver> {
  const host = options.host ?? '127.0.0.1';
  const keep = options.keep ?? 200;
  const requests: ReceivedRequest[] = [];
  const listeners = new Set<(r: ReceivedRequest) => void>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_RECORDED_BODY) chunks.push(c);
    });
    const answerRequest = async () => {
      const bodyText = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '/';
      const headers: HttpHeader[] = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2)
        headers.push({ name: req.rawHeaders[i], value: req.rawHeaders[i + 1] });
      const under = (prefix: string) =>
        path === prefix || path.startsWith(prefix + '/') || path.startsWith(prefix + '?');
      let answer: ReceiverAnswer;
      try {
        answer = under('/slack')
          ? checkSlackPayload(req.method ?? 'GET', headerValue(headers, 'content-type'), bodyText, size)
          : under('/teams')
            ? await checkTeamsPayload(req.method ?? 'GET', bodyText, size)
            : { status: 200, body: 'ok' };
      } catch (e) {
        answer = { status: 500, body: `ccmacro's receiver could not check the request: ${(e as Error).message}` };
      }
      res.writeHead(answer.status, {
        'content-type': 'text/plain; charset=utf-8',
        'content-length': Buffer.byteLength(answer.body),
      });
      res.end(answer.body);
      const record: ReceivedRequest = {
        time: new Date().toISOString(),
        method: req.method ?? 'GET',
        path,
        headers,
        bodyText,
        bodyBytes: size,
        response: answer,
      };
      requests.push(record);
      if (requests.length > keep) requests.shift();
      for (const l of listeners) {
        try {
          l(record);
        } catch {
          /* a listener's failure must not take the receiver down */
        }
      }
    };
    // A failure while answering (the client gone mid-answer) ends this request, never the receiver.
    req.on('end', () => {
      answerRequest().catch(() => res.destroy());
    });
    req.on('error', () => res.destroy());
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      const hostInUrl = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${hostInUrl}:${port}`,
        port,
        requests,
        onRequest(listener) {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
        close: () =>
          new Promise<void>(done => {
            listeners.clear();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/**
 * Slack's incoming-webhook checks, with its real error bodies: `invalid_payload` (not JSON / not an
 * object), `no_text` (neither text nor blocks), `invalid_blocks` (not an array, over 50, a section
 * text over 3,000 characters). Text over 40,000 characters is accepted with a note: Slack truncates it. Form bodies with a
 * `payload=` field are accepted as Slack does.
 */
export function checkSlackPayload(
  method: string,
  contentType: string | undefined,
  bodyText: string,
  bodyBytes = Buffer.byteLength(bodyText),
): ReceiverAnswer {
  if (method !== 'POST') return { status: 405, body: 'invalid_method' };
  if (bodyBytes > SLACK_LIMITS.body) return { status: 413, body: 'request_too_large' };
  let raw = bodyText;
  if (/application\/x-www-form-urlencoded/i.test(contentType ?? '')) {
    const payload = new URLSearchParams(bodyText).get('payload');
    if (payload === null) return { status: 400, body: 'invalid_payload' };
    raw = payload;
  }
  let msg: unknown;
  try {
    msg = JSON.parse(raw);
  } catch {
    return { status: 400, body: 'invalid_payload' };
  }
  if (!msg || typeof msg !== 'object' || Array.isArray(msg)) return { status: 400, body: 'invalid_payload' };
  const m = msg as { text?: unknown; blocks?: unknown; attachments?: unknown };
  if (m.text !== undefined && typeof m.text !== 'string') return { status: 400, body: 'invalid_payload' };
  const hasText = typeof m.text === 'string' && m.text.trim() !== '';
  const hasBlocks = Array.isArray(m.blocks) && m.blocks.length > 0;
  const hasAttachments = Array.isArray(m.attachments) && m.attachments.length > 0;
  if (m.blocks !== undefined && !Array.isArray(m.blocks)) return { status: 400, body: 'invalid_blocks_format' };
  if (!hasText && !hasBlocks && !hasAttachments) return { status: 400, body: 'no_text' };
  if (hasBlocks) {
    const blocks = m.blocks as unknown[];
    if (blocks.length > SLACK_LIMITS.blocks) return { status: 400, body: 'invalid_blocks' };
    for (const b of blocks) {
      if (!b || typeof b !== 'object' || typeof (b as { type?: unknown }).type !== 'string')
        return { status: 400, body: 'invalid_blocks' };
      const text = (b as { text?: { text?: unknown } }).text;
      if (
        (b as { type: string }).type === 'section' &&
        typeof text?.text === 'string' &&
        text.text.length > SLACK_LIMITS.sectionText
      )
        return { status: 400, body: 'invalid_blocks' };
    }
  }
  // Slack accepts longer text but cuts it (documented for chat.postMessage; webhooks behave alike).
  if (typeof m.text === 'string' && m.text.length > SLACK_LIMITS.text)
    return {
      status: 200,
      body: 'ok',
      note: `Slack would cut the text to ${SLACK_LIMITS.text.toLocaleString('en-US')} characters (it has ${m.text.length.toLocaleString('en-US')})`,
    };
  return { status: 200, body: 'ok' };
}

/** What a Teams Workflow's webhook trigger takes at most (bodies beyond this are not read). */
const TEAMS_MAX_BODY = 1024 * 1024;

const TEAMS_LATER =
  "A real Teams Workflow answers 202 to every request and posts the card afterwards; a broken card only fails later, in the flow's run history";

/**
 * A Teams Workflow's webhook trigger, made strict: a real one answers 202 at once and fails later in the flow's
 * run history, where nobody sees it. Here a message Teams would not show (not JSON, not a `message` with an
 * Adaptive Card, a card the Adaptive Cards library rejects, over 28 KB) gets 400 with the problems in the body,
 * so `ccmacro send` fails too; a good one gets 202 like the real thing, with any warnings in the note.
 */
export async function checkTeamsPayload(
  method: string,
  bodyText: string,
  bodyBytes = Buffer.byteLength(bodyText),
): Promise<ReceiverAnswer> {
  if (method !== 'POST') return { status: 405, body: 'Teams Workflows take POST requests only' };
  if (bodyBytes > TEAMS_MAX_BODY) return { status: 413, body: "The message is far over Teams' 28 KB limit" };
  const findings = await checkTeamsMessage(bodyText);
  const line = (f: (typeof findings)[number]) =>
    `- ${formatJsonPath(f.path) || '(the message)'}: ${f.message} [${f.code}]`;
  const errors = findings.filter(f => f.severity === 'error');
  const others = findings.filter(f => f.severity !== 'error');
  if (errors.length)
    return {
      status: 400,
      body: ['Teams would not show this message:', ...errors.map(line), ...others.map(line)].join('\n') + '\n',
      note: `${TEAMS_LATER}; this test receiver is stricter and answers 400 now`,
    };
  return {
    status: 202,
    body: '',
    note: [
      TEAMS_LATER + '.',
      ...(others.length ? ['Teams may show the card differently:', ...others.map(line)] : []),
    ].join('\n'),
  };
}

/**
 * A received request as people read it: request line, headers, then the body (pretty when JSON). Credentials are
 * masked (a body cut at MAX_RECORDED_BODY through `mask.cutText`), and every control character is shown visibly: a
 * request can carry `ESC ] 52` or `CR ESC [K` meant for the terminal of whoever runs `ccmacro receive`.
 */
export function formatReceivedRequest(r: ReceivedRequest, mask: Masker = defaultMasker): string {
  // A one-line answer (Slack's `ok`, `no_text`) stays on the first line; a longer one (Teams' problems) follows it.
  const answer = r.response.body.trimEnd();
  const oneLine = !answer.includes('\n');
  const lines = [
    `── ${r.time.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')} ── ${mask.text(r.method)} ${mask.url(r.path)} → answered ${r.response.status}${oneLine && answer ? ' ' + mask.text(answer) : ''}`,
  ];
  if (!oneLine)
    pushAll(
      lines,
      mask
        .text(answer)
        .split('\n')
        .map(l => '  ' + l),
    );
  if (r.response.note) lines.push(`(${r.response.note})`);
  for (const h of mask.headers(r.headers)) lines.push(`${h.name}: ${h.value}`);
  if (r.bodyText) {
    lines.push('');
    let body = r.bodyText;
    const t = body.trim();
    if (t.startsWith('{') || t.startsWith('[')) body = reindentJson(t) ?? body; // not JSON, or nested too deeply: as is
    const cut = r.bodyBytes > Buffer.byteLength(r.bodyText);
    lines.push(cut ? mask.cutText(r.bodyText) : mask.text(body));
    if (cut)
      lines.push(
        `… (${r.bodyBytes.toLocaleString('en-US')} bytes in all; the first ${Buffer.byteLength(r.bodyText).toLocaleString('en-US')} shown)`,
      );
  }
  return visible(lines.join('\n') + '\n');
}
