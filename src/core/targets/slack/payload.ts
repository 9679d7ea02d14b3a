import { findNodeAtLocation, type Node } from 'jsonc-parser';
import { problem, type Problem } from '../../common/problem';

/** Slack's documented limits for incoming-webhook messages. */
export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  text: 40000,
  headerText: 150,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
};

/**
 * Check a rendered Slack payload against Slack's rules. Problems are warnings (Slack may still accept some),
 * located at the authored node the rule is about, or the body when that node does not exist.
 */
export function checkSlackPayload(bodyText: string, bodyNode: Node): Problem[] {
  const out: Problem[] = [];
  const rangeOf = (path: Array<string | number>): { start: number; end: number } => {
    const n = findNodeAtLocation(bodyNode, path) ?? bodyNode;
    return { start: n.offset, end: n.offset + n.length };
  };
  let payload: unknown;
  try {
    payload = JSON.parse(bodyText);
  } catch {
    return out;
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    out.push(
      problem(
        'render/slack-not-object',
        'warning',
        'A Slack message must be a JSON object with "text" or "blocks"',
        rangeOf([]),
      ),
    );
    return out;
  }
  const p = payload as Record<string, unknown>;
  const hasText = typeof p.text === 'string' && p.text.length > 0;
  const blocks = Array.isArray(p.blocks) ? p.blocks : undefined;
  if (!hasText && !(blocks && blocks.length > 0)) {
    out.push(
      problem(
        'render/slack-no-text',
        'warning',
        'Slack needs "text" or "blocks" in the message, otherwise it rejects it with "no_text"',
        rangeOf([]),
      ),
    );
  }
  if (typeof p.text === 'string' && p.text.length > SLACK_LIMITS.text) {
    out.push(
      problem(
        'render/slack-text-too-long',
        'warning',
        `The message text is ${p.text.length.toLocaleString('en-US')} characters once filled in; Slack truncates text over ${SLACK_LIMITS.text.toLocaleString('en-US')}`,
        rangeOf(['text']),
      ),
    );
  }
  if (blocks) {
    if (blocks.length > SLACK_LIMITS.blocks) {
      out.push(
        problem(
          'render/slack-too-many-blocks',
          'warning',
          `The message has ${blocks.length} blocks; Slack allows at most ${SLACK_LIMITS.blocks}`,
          rangeOf(['blocks']),
        ),
      );
    }
    blocks.forEach((blk, i) => {
      if (!blk || typeof blk !== 'object') return;
      const b = blk as Record<string, unknown>;
      const textObj = b.text as Record<string, unknown> | undefined;
      const t = textObj && typeof textObj.text === 'string' ? textObj.text : undefined;
      if (b.type === 'section' && t !== undefined && t.length > SLACK_LIMITS.sectionText) {
        out.push(
          problem(
            'render/slack-section-too-long',
            'warning',
            `Section ${i + 1} has ${t.length.toLocaleString('en-US')} characters of text once filled in; Slack allows at most ${SLACK_LIMITS.sectionText.toLocaleString('en-US')} and rejects the message otherwise`,
            rangeOf(['blocks', i, 'text', 'text']),
          ),
        );
      }
      if (b.type === 'header' && t !== undefined && t.length > SLACK_LIMITS.headerText) {
        out.push(
          problem(
            'render/slack-header-too-long',
            'warning',
            `Header block ${i + 1} has ${t.length} characters; Slack allows at most ${SLACK_LIMITS.headerText}`,
            rangeOf(['blocks', i, 'text', 'text']),
          ),
        );
      }
      if (Array.isArray(b.fields)) {
        if (b.fields.length > SLACK_LIMITS.fields) {
          out.push(
            problem(
              'render/slack-too-many-fields',
              'warning',
              `Section ${i + 1} has ${b.fields.length} fields; Slack allows at most ${SLACK_LIMITS.fields}`,
              rangeOf(['blocks', i, 'fields']),
            ),
          );
        }
        b.fields.forEach((f, j) => {
          const ft = f && typeof f === 'object' ? (f as Record<string, unknown>).text : undefined;
          if (typeof ft === 'string' && ft.length > SLACK_LIMITS.fieldText) {
            out.push(
              problem(
                'render/slack-field-too-long',
                'warning',
                `Field ${j + 1} of section ${i + 1} has ${ft.length.toLocaleString('en-US')} characters; Slack allows at most ${SLACK_LIMITS.fieldText.toLocaleString('en-US')}`,
                rangeOf(['blocks', i, 'fields', j, 'text']),
              ),
            );
          }
        });
      }
      if (b.type === 'context' && Array.isArray(b.elements) && b.elements.length > SLACK_LIMITS.contextElements) {
        out.push(
          problem(
            'render/slack-too-many-elements',
            'warning',
            `Context block ${i + 1} has ${b.elements.length} elements; Slack allows at most ${SLACK_LIMITS.contextElements}`,
            rangeOf(['blocks', i, 'elements']),
          ),
        );
      }
    });
  }
  return out;
}
