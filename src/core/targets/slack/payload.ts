import { isObject } from '../../common/objects';
import type { PathSegment } from '../../common/jsonPath';
import type { TargetFinding } from '../types';

/**
 * Slack's documented limits for an incoming-webhook message (sources in docs/slack.md): the one copy the payload
 * check, the local receiver and the docs go by.
 */
export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  text: 40000,
  headerText: 150,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  /** Bodies larger than this are not read (the receiver answers 413 request_too_large). */
  bodyBytes: 1024 * 1024,
} as const;

/**
 * A finding, and for an error the error body Slack answers with (`no_text`, `invalid_blocks`, …).
 * @public (exported for the npm package's type declarations, which name it in the target's type)
 */
export interface SlackFinding extends TargetFinding {
  answer?: 'invalid_payload' | 'no_text' | 'invalid_blocks' | 'invalid_blocks_format';
}

const count = (n: number) => n.toLocaleString('en-US');

/**
 * A request's body as Slack reads it: JSON, or a form whose `payload` field holds the JSON. Undefined with an
 * `invalid_payload` finding when there is no message to read.
 */
function readSlackBody(
  contentType: string | undefined,
  bodyText: string,
): { message?: unknown; finding?: SlackFinding } {
  let raw = bodyText;
  if (/application\/x-www-form-urlencoded/i.test(contentType ?? '')) {
    const payload = new URLSearchParams(bodyText).get('payload');
    if (payload === null)
      return {
        finding: error(
          'render/slack-not-json',
          'A form body for Slack needs a "payload" field holding the JSON message',
          [],
          'invalid_payload',
        ),
      };
    raw = payload;
  }
  try {
    return { message: JSON.parse(raw) as unknown };
  } catch {
    return {
      finding: error(
        'render/slack-not-json',
        'Slack reads the body as JSON, and this is not JSON',
        [],
        'invalid_payload',
      ),
    };
  }
}

/** The payload check of a request's body: how it reads, then checkSlackMessage. */
export function checkSlackBody(contentType: string | undefined, bodyText: string): SlackFinding[] {
  const { message, finding } = readSlackBody(contentType, bodyText);
  return finding ? [finding] : checkSlackMessage(message);
}

/**
 * What Slack does with a message (the parsed payload): the errors Slack answers 400 for, and warnings for what it
 * takes but changes (text over 40,000 characters is cut). The one check the editor, `ccmacro validate`, `render`,
 * `test`, the preview and the local receiver all use.
 */
function checkSlackMessage(payload: unknown): SlackFinding[] {
  if (!isObject(payload))
    return [
      error(
        'render/slack-not-object',
        'A Slack message must be a JSON object with "text" or "blocks"',
        [],
        'invalid_payload',
      ),
    ];
  const out: SlackFinding[] = [];
  const { text, blocks, attachments } = payload;
  if (text !== undefined && typeof text !== 'string')
    out.push(error('render/slack-text-not-string', 'The message "text" must be a string', ['text'], 'invalid_payload'));
  if (blocks !== undefined && !Array.isArray(blocks))
    out.push(
      error('render/slack-blocks-not-list', '"blocks" must be a list of blocks', ['blocks'], 'invalid_blocks_format'),
    );
  const hasText = typeof text === 'string' && text.trim() !== '';
  const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
  const hasAttachments = Array.isArray(attachments) && attachments.length > 0;
  if (!hasText && !hasBlocks && !hasAttachments)
    out.push(
      error(
        'render/slack-no-text',
        'Slack needs "text" or "blocks" in the message, otherwise it rejects it with "no_text"',
        [],
        'no_text',
      ),
    );
  if (typeof text === 'string' && text.length > SLACK_LIMITS.text)
    out.push({
      code: 'render/slack-text-too-long',
      severity: 'warning',
      message: `The message text is ${count(text.length)} characters once filled in; Slack would cut the text to ${count(SLACK_LIMITS.text)} characters`,
      path: ['text'],
      limit: 'text',
    });
  if (Array.isArray(blocks)) checkBlocks(blocks, out);
  return out;
}

function checkBlocks(blocks: readonly unknown[], out: SlackFinding[]): void {
  if (blocks.length > SLACK_LIMITS.blocks)
    out.push(
      error(
        'render/slack-too-many-blocks',
        `The message has ${blocks.length} blocks; Slack allows at most ${SLACK_LIMITS.blocks}`,
        ['blocks'],
        'invalid_blocks',
        'blocks',
      ),
    );
  blocks.forEach((b, i) => {
    if (!isObject(b) || typeof b.type !== 'string')
      out.push(
        error(
          'render/slack-block-type',
          `Block ${i + 1} must be an object with a "type" ("section", "header", "context", …)`,
          ['blocks', i],
          'invalid_blocks',
        ),
      );
    else checkBlock(b, i, out);
  });
}

/** Slack's limits for one block (Block Kit reference: section, header, context). */
function checkBlock(b: Record<string, unknown>, i: number, out: SlackFinding[]): void {
  const at = (...rest: PathSegment[]): PathSegment[] => ['blocks', i, ...rest];
  const t = isObject(b.text) && typeof b.text.text === 'string' ? b.text.text : undefined;
  if (b.type === 'section' && t !== undefined && t.length > SLACK_LIMITS.sectionText)
    out.push(
      error(
        'render/slack-section-too-long',
        `Section ${i + 1} has ${count(t.length)} characters of text once filled in; Slack allows at most ${count(SLACK_LIMITS.sectionText)} and rejects the message otherwise`,
        at('text', 'text'),
        'invalid_blocks',
        'sectionText',
      ),
    );
  if (b.type === 'header' && t !== undefined && t.length > SLACK_LIMITS.headerText)
    out.push(
      error(
        'render/slack-header-too-long',
        `Header block ${i + 1} has ${t.length} characters; Slack allows at most ${SLACK_LIMITS.headerText} and rejects the message otherwise`,
        at('text', 'text'),
        'invalid_blocks',
        'headerText',
      ),
    );
  if (Array.isArray(b.fields)) checkFields(b.fields, i, out);
  if (b.type === 'context' && Array.isArray(b.elements) && b.elements.length > SLACK_LIMITS.contextElements)
    out.push(
      error(
        'render/slack-too-many-elements',
        `Context block ${i + 1} has ${b.elements.length} elements; Slack allows at most ${SLACK_LIMITS.contextElements}`,
        at('elements'),
        'invalid_blocks',
        'contextElements',
      ),
    );
}

function checkFields(fields: readonly unknown[], i: number, out: SlackFinding[]): void {
  if (fields.length > SLACK_LIMITS.fields)
    out.push(
      error(
        'render/slack-too-many-fields',
        `Section ${i + 1} has ${fields.length} fields; Slack allows at most ${SLACK_LIMITS.fields}`,
        ['blocks', i, 'fields'],
        'invalid_blocks',
        'fields',
      ),
    );
  fields.forEach((f, j) => {
    const ft = isObject(f) ? f.text : undefined;
    if (typeof ft === 'string' && ft.length > SLACK_LIMITS.fieldText)
      out.push(
        error(
          'render/slack-field-too-long',
          `Field ${j + 1} of section ${i + 1} has ${count(ft.length)} characters; Slack allows at most ${count(SLACK_LIMITS.fieldText)}`,
          ['blocks', i, 'fields', j, 'text'],
          'invalid_blocks',
          'fieldText',
        ),
      );
  });
}

function error(
  code: string,
  message: string,
  path: PathSegment[],
  answer: SlackFinding['answer'],
  limit?: keyof typeof SLACK_LIMITS,
): SlackFinding {
  const f: SlackFinding = { code, severity: 'error', message, path, answer };
  if (limit) f.limit = limit;
  return f;
}
