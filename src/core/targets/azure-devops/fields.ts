import type { Node } from 'jsonc-parser';
import type { FieldEncoding, FieldSite } from '../../render/fields';
import { AZURE_DEVOPS_LIMITS } from './limits';

/**
 * Work item fields by how Azure DevOps reads them (docs/azure-devops.md). Field types are Microsoft's
 * (`GET _apis/wit/fields`: Description, Repro Steps, System Info and Acceptance Criteria are `html`, History is
 * `history`, shown as HTML in the discussion); Title is a `string`, "short single-line text … up to 255 Unicode
 * characters". Reference names are compared without case.
 */
const HTML_FIELDS: ReadonlySet<string> = new Set(
  [
    'System.Description',
    'System.History',
    'Microsoft.VSTS.TCM.ReproSteps',
    'Microsoft.VSTS.TCM.SystemInfo',
    'Microsoft.VSTS.Common.AcceptanceCriteria',
  ].map(f => f.toLowerCase()),
);

export const TITLE_FIELD = 'System.Title';

/** The field a JSON Patch path sets (`/fields/System.Title` → "System.Title"), else undefined. */
export function fieldOfPath(path: string): string | undefined {
  const m = /^\/fields\/([^/]+)$/.exec(path);
  return m ? m[1].replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
}

export function isHtmlField(field: string): boolean {
  return HTML_FIELDS.has(field.toLowerCase());
}

export function isTitleField(field: string): boolean {
  return field.toLowerCase() === TITLE_FIELD.toLowerCase();
}

/**
 * A value as text in an HTML field: `&`, `<`, `>`, `"` and `'` become entities (so a value is never markup, also
 * inside an attribute the macro writes), and each line break becomes `<br>` (HTML would join the lines).
 */
export function escapeHtmlValue(value: string): string {
  if (!/[&<>"'\r\n]/.test(value)) return value;
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/\r\n|\r|\n/g, '<br>');
}

/** Line breaks in a title: CR, LF and the Unicode line and paragraph separators. */
export const LINE_BREAK = /[\r\n\u2028\u2029]/;

/**
 * A title value on one line: each run of line breaks (with the spaces around it) becomes one space. The title is
 * "short single-line text"; flattened like the Jira summary, so both trackers treat a line break the same way.
 */
function flattenTitle(value: string): string {
  return value.replace(/[ \t]*[\r\n\u2028\u2029]+[ \t]*/g, ' ');
}

type AzureDevOpsFieldKind = 'html' | 'title' | 'plain' | 'operation';

/** The members of a JSON Patch operation that say what it does and where (RFC 6902), not a value it sets. */
const OPERATION_MEMBERS: ReadonlySet<unknown> = new Set(['op', 'path', 'from']);

/** The field a string node of the body is the `value` of: the `path` beside it (`{"op", "path", "value"}`). */
function patchFieldOf(stringNode: Node): string | undefined {
  const prop = stringNode.parent;
  if (prop?.type !== 'property' || prop.children?.[1] !== stringNode || prop.children[0]?.value !== 'value')
    return undefined;
  const op = prop.parent;
  for (const p of op?.children ?? []) {
    const [k, v] = p.children ?? [];
    if (k?.value === 'path' && v?.type === 'string' && typeof v.value === 'string') return fieldOfPath(v.value);
  }
  return undefined;
}

function kindOf({ node }: FieldSite): AzureDevOpsFieldKind {
  const prop = node.parent;
  if (
    prop?.type === 'property' &&
    prop.children?.[1] === node &&
    OPERATION_MEMBERS.has(prop.children[0]?.value) &&
    prop.parent?.parent?.type === 'array'
  )
    return 'operation';
  const field = patchFieldOf(node);
  if (field === undefined) return 'plain';
  if (isHtmlField(field)) return 'html';
  return isTitleField(field) ? 'title' : 'plain';
}

const op = (path: string) => [{ op: 'add', path, value: '((Value))' }];

/** Values in a JSON Patch document by the field they set: HTML fields escaped, the title one line, others as they are. */
export const AZURE_DEVOPS_FIELDS: FieldEncoding<AzureDevOpsFieldKind> = {
  defaultKind: 'plain',
  kindOf,
  kinds: {
    html: {
      description:
        'an HTML field (System.Description, Microsoft.VSTS.TCM.ReproSteps, AcceptanceCriteria, SystemInfo, System.History): &, <, >, quotes escaped, line breaks as <br>',
      encode: escapeHtmlValue,
      example: { body: op('/fields/System.Description'), path: [0, 'value'] },
    },
    title: {
      description: `the title (System.Title): one line of plain text, at most ${AZURE_DEVOPS_LIMITS.title} characters, so a value's line breaks become spaces`,
      encode: flattenTitle,
      refuse: (v, tag) =>
        LINE_BREAK.test(v)
          ? {
              code: 'render/azure-devops-title-line-break',
              severity: 'warning',
              message: `The value of ${tag} has a line break, but an Azure DevOps title is a single line of text, so it is sent on one line, each line break replaced by a space`,
            }
          : undefined,
      example: { body: op('/fields/System.Title'), path: [0, 'value'] },
    },
    operation: {
      description:
        "a JSON Patch operation's op, path or from: the value as it is, with a warning, since a sample value there decides what the operation does or which field it changes",
      encode: v => v,
      refuse: (_v, tag) => ({
        code: 'render/azure-devops-tag-in-operation',
        severity: 'warning',
        message: `${tag} is in the op, path or from of a JSON Patch operation, so a feedback value decides what the operation does or which field it changes (a value such as "System.Title/../relations/-" or "remove"): write the operation and the field's reference name in the macro, and put ${tag} in "value"`,
      }),
      example: { body: [{ op: 'add', path: '/fields/((Value))', value: 'x' }], path: [0, 'path'] },
    },
    plain: {
      description: 'any other field (System.Tags, System.AreaPath, a relation, …): the value as it is',
      encode: v => v,
      example: { body: op('/fields/System.Tags'), path: [0, 'value'] },
    },
  },
};
