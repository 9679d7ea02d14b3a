import type { TagSyntax } from '../project/tagSyntax';
import * as path from 'node:path';
import { getNodeValue, type Node } from 'jsonc-parser';
import { problem, type Problem } from '../common/problem';
import type { CheckContext, NamedCheck } from './types';
import { keyNodeOf, nodeAtPath, nodeRange, type PathSegment } from '../common/jsonPath';
import { isOutsideReach, outsideSampleProblem } from '../samples/reach';
import { distinctSamples, MAX_SAMPLE_FILES } from '../samples/load';
import { pushAll } from '../common/arrays';

/*
 * The checks a JSON schema cannot express. Each reads the syntax tree defensively: in the editor the
 * schema check does not run first, so any field may hold a value of the wrong type.
 */

/** Problems the request would cause when sent (method, headers, URL, body). */
function requestCheck(ctx: CheckContext): Problem[] {
  const root = ctx.parsed.root!;
  const request = nodeAtPath(root, ['request']);
  if (request?.type !== 'object') return [];
  const out: Problem[] = [];
  const method = stringAt(request, ['method'])?.toUpperCase();
  const body = nodeAtPath(request, ['body']);
  const formatNode = nodeAtPath(request, ['bodyFormat']);
  const format = formatNode?.type === 'string' ? String(formatNode.value) : 'json';

  if (body && (method === 'GET' || method === 'DELETE')) {
    const at = nodeRange(keyNodeOf(body) ?? body);
    if (method === 'GET')
      out.push(
        problem(
          'request/body-with-get',
          'error',
          'A GET request cannot send a body: remove `body`, or change `method` to POST, PUT or PATCH',
          at,
        ),
      );
    else
      out.push(
        problem(
          'request/body-with-delete',
          'warning',
          'Many servers ignore or reject a body on a DELETE request: check that the receiver expects one',
          at,
        ),
      );
  }

  pushAll(out, headerProblems(ctx, nodeAtPath(request, ['headers']), body ? format : undefined));
  pushAll(out, urlProblems(nodeAtPath(request, ['url'])));
  if (body) pushAll(out, bodyShapeProblems(body, format, ctx.parsed.tagSyntax));
  return out;
}

const CONTENT_TYPE_FITS: Record<string, { fits: (mediaType: string) => boolean; expected: string }> = {
  json: {
    fits: t => t === 'application/json' || t.endsWith('+json') || t === 'text/json',
    expected: 'application/json',
  },
  form: { fits: t => t === 'application/x-www-form-urlencoded', expected: 'application/x-www-form-urlencoded' },
  xml: { fits: t => t.endsWith('/xml') || t.endsWith('+xml'), expected: 'application/xml' },
};

function headerProblems(ctx: CheckContext, headers: Node | undefined, formatWithBody: string | undefined): Problem[] {
  if (headers?.type !== 'object') return [];
  const out: Problem[] = [];
  const seen = new Map<string, Node>(); // lower-cased name -> first key node
  for (const prop of headers.children ?? []) {
    const key = prop.children?.[0];
    const value = prop.children?.[1];
    if (!key || typeof key.value !== 'string') continue;
    const name = key.value;
    const lower = name.toLowerCase();
    const first = seen.get(lower);
    // Identical names are reported as duplicate keys; here only spellings that differ in case.
    if (first && first.value !== name) {
      const line = ctx.lines.positionAt(first.offset).line + 1;
      out.push(
        problem(
          'request/duplicate-header',
          'error',
          `The header \`${name}\` is also set as \`${first.value}\` on line ${line}: header names ignore case, so only one would be sent. Keep one of them`,
          nodeRange(key),
        ),
      );
    } else if (!first) {
      seen.set(lower, key);
    }
    if (lower === 'content-type' && formatWithBody && value?.type === 'string') {
      const fit = CONTENT_TYPE_FITS[formatWithBody];
      const text = String(value.value);
      if (!fit || /\(\(|\[\[|\$\{/.test(text)) continue;
      const mediaType = text.split(';')[0].trim().toLowerCase();
      if (!fit.fits(mediaType)) {
        out.push(
          problem(
            'request/content-type-mismatch',
            'warning',
            `The body is sent as ${formatWithBody} (bodyFormat "${formatWithBody}") but the Content-Type header says "${mediaType}": use "${fit.expected}", or change \`bodyFormat\``,
            nodeRange(value),
            { suggestion: fit.expected },
          ),
        );
      }
    }
  }
  return out;
}

/** ${…} placeholders and ((tags)) stand for text supplied at send time; the rest must make an http(s) URL. */
function urlProblems(url: Node | undefined): Problem[] {
  if (url?.type !== 'string') return [];
  const value = String(url.value);
  if (value.trim() === '') return []; // the schema reports an empty URL
  const HOLE = '\u0000';
  const literal = value.replace(/\$\{[^}]*\}?/g, HOLE).replace(/\(\([^()]*\)\)|\[\[[^[\]]*\]\]/g, HOLE);
  const at = nodeRange(url);
  const out: Problem[] = [];
  if (/\s/.test(literal)) {
    out.push(
      problem(
        'request/url-space',
        'warning',
        'The URL holds a space or line break: web addresses cannot contain them. Write a space as %20',
        at,
      ),
    );
  }
  const trimmed = literal.trim();
  if (trimmed.startsWith(HOLE)) return out; // scheme and host come from a placeholder or tag
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(trimmed)?.[1];
  if (!scheme || !/^https?$/i.test(scheme)) {
    const found = scheme ? `it starts with "${scheme}:"` : 'it has no https:// at the start';
    out.push(
      problem(
        'request/url-not-http',
        'error',
        `The URL must start with https:// (or http://), or be a \${secret:NAME} or \${env:NAME} placeholder; ${found}`,
        at,
      ),
    );
  } else if (!/^https?:\/\/[^/\s?#]/i.test(trimmed)) {
    out.push(
      problem(
        'request/url-no-host',
        'error',
        'The URL has no server name after https:// (for example https://api.example.com/…)',
        at,
      ),
    );
  }
  return out;
}

function bodyShapeProblems(body: Node, format: string, syntax: TagSyntax): Problem[] {
  if (format === 'text' || format === 'xml') {
    if (body.type !== 'string') {
      return [
        problem(
          'request/body-format',
          'error',
          `With bodyFormat "${format}" the body must be one string of ${format === 'xml' ? 'XML' : 'text'}, not ${nodeKind(body)}. To send JSON, set bodyFormat to "json" (or leave it out)`,
          nodeRange(body),
        ),
      ];
    }
    return [];
  }
  if (format !== 'form') return [];
  if (body.type !== 'object') {
    return [
      problem(
        'request/body-format',
        'error',
        `With bodyFormat "form" the body must be an object of form fields, like { "title": "${syntax.wrap('Title')}" }, not ${nodeKind(body)}`,
        nodeRange(body),
      ),
    ];
  }
  const out: Problem[] = [];
  for (const prop of body.children ?? []) {
    const value = prop.children?.[1];
    if (!value || value.type === 'string' || value.type === 'number' || value.type === 'boolean') continue;
    const name = prop.children?.[0]?.value;
    out.push(
      problem(
        'request/body-format',
        'error',
        `Form field \`${name}\` must be text, a number or true/false, not ${nodeKind(value)}: a web form cannot nest values`,
        nodeRange(value),
      ),
    );
  }
  return out;
}

/** Settings that contradict the macro's scope. */
function scopeCheck(ctx: CheckContext): Problem[] {
  const root = ctx.parsed.root!;
  const scope = nodeAtPath(root, ['scope']);
  const types = nodeAtPath(root, ['feedbackTypes']);
  if (scope?.value === 'user' && types) {
    return [
      problem(
        'macro/feedback-types-in-user-scope',
        'warning',
        'User macros do not belong to feedback types: remove `feedbackTypes`, or set `scope` to "feedback"',
        nodeRange(keyNodeOf(types) ?? types),
      ),
    ];
  }
  return [];
}

/** Triggers listed twice, and schedules whose dates are impossible or end before they start. */
function triggersCheck(ctx: CheckContext): Problem[] {
  const triggers = nodeAtPath(ctx.parsed.root!, ['triggers']);
  if (triggers?.type !== 'array') return [];
  const out: Problem[] = [];
  const seen = new Set<string>();
  for (const item of triggers.children ?? []) {
    const key = JSON.stringify(getNodeValue(item));
    if (seen.has(key)) {
      out.push(problem('triggers/duplicate', 'warning', `This trigger is listed twice: remove one`, nodeRange(item)));
    }
    seen.add(key);
    const schedule = nodeAtPath(item, ['schedule']);
    if (schedule?.type === 'object') pushAll(out, scheduleProblems(schedule));
  }
  return out;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

function scheduleProblems(schedule: Node): Problem[] {
  const out: Problem[] = [];
  const moments: Partial<Record<'start' | 'end', string>> = {};
  for (const which of ['start', 'end'] as const) {
    const node = nodeAtPath(schedule, [which]);
    if (node?.type !== 'string') continue;
    const m = DATE.exec(String(node.value));
    if (!m) continue; // the schema reports the form
    const [y, mo, d, h, mi, s] = m.slice(1).map(x => (x === undefined ? undefined : Number(x)));
    const date = new Date(Date.UTC(y!, mo! - 1, d!));
    if (date.getUTCMonth() !== mo! - 1 || date.getUTCDate() !== d || (h ?? 0) > 23 || (mi ?? 0) > 59 || (s ?? 0) > 59) {
      out.push(problem('triggers/invalid-date', 'error', `\`${which}\` is not a real date or time`, nodeRange(node)));
      continue;
    }
    // A date without a time means the whole day: start at its beginning, end at its end.
    const time = m[4] !== undefined ? `${m[4]}:${m[5]}:${m[6] ?? '00'}` : which === 'start' ? '00:00:00' : '23:59:59';
    moments[which] = `${m[1]}-${m[2]}-${m[3]}T${time}`;
  }
  if (moments.start && moments.end && moments.end < moments.start) {
    out.push(
      problem(
        'triggers/schedule-end-before-start',
        'error',
        'The schedule ends before it starts: `end` must be later than `start`',
        nodeRange(nodeAtPath(schedule, ['end'])!),
      ),
    );
  }
  return out;
}

/**
 * Sample files that are not there, or outside the tree they may be read from; an entry naming a file an earlier one
 * names; entries past the most sample files a macro is rendered with. (A built-in sample is the render check's.)
 */
async function samplesCheck(ctx: CheckContext): Promise<Problem[]> {
  const samples = nodeAtPath(ctx.parsed.root!, ['samples']);
  if (samples?.type !== 'array') return [];
  const out: Problem[] = [];
  const entries = (samples.children ?? [])
    .filter(item => item.type === 'string' && String(item.value).length > 0)
    .map(item => ({ spec: String(item.value), item }));
  const { kept, repeated, overLimit } = distinctSamples(entries, ctx.dir);
  for (const { entry, first } of repeated)
    out.push(
      problem(
        'samples/duplicate',
        'warning',
        `This entry names the same sample ${entry.spec === first.spec ? 'as' : `file (${JSON.stringify(first.spec)}) as`} an earlier entry, so it adds nothing: remove it`,
        nodeRange(entry.item),
      ),
    );
  if (overLimit.length)
    out.push(
      problem(
        'samples/too-many',
        'error',
        `A macro is checked and tested with at most ${MAX_SAMPLE_FILES} sample files; this one names ${MAX_SAMPLE_FILES + overLimit.length}, so ${overLimit.length === 1 ? 'this entry is' : `this entry and the ${overLimit.length - 1} after it are`} not read: put the sample items in fewer files`,
        nodeRange(overLimit[0].item),
      ),
    );
  await Promise.all(
    kept.map(async ({ item }) => {
      const rel = String(item.value);
      if (rel.trim() === '' || rel.startsWith('builtin:')) return;
      const file = path.resolve(ctx.dir, rel);
      const reach = ctx.options.sampleReach;
      if (reach && reach.outside !== 'allow' && (await isOutsideReach(file, reach))) {
        out.push(outsideSampleProblem(rel, reach, nodeRange(item)));
        // Refused: not even looked at.
        if (reach.outside === 'refuse') return;
      }
      const exists = await ctx.env.fs.exists(file);
      if (!exists) {
        out.push(
          problem(
            'samples/not-found',
            'error',
            `Sample file not found: "${rel}" (sample paths are relative to this macro's folder)`,
            nodeRange(item),
          ),
        );
      }
    }),
  );
  return out;
}

function stringAt(node: Node, at: PathSegment[]): string | undefined {
  const n = nodeAtPath(node, at);
  return n?.type === 'string' ? String(n.value) : undefined;
}

function nodeKind(node: Node): string {
  switch (node.type) {
    case 'object':
      return 'an object';
    case 'array':
      return 'a list';
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
    default:
      return node.type;
  }
}

/** The semantic check families, in the order they run (registered in checks.ts). */
export const semanticChecks: NamedCheck[] = [
  { name: 'request', run: requestCheck },
  { name: 'scope', run: scopeCheck },
  { name: 'triggers', run: triggersCheck },
  { name: 'samples', run: samplesCheck },
];
