import type { CheckContext, NamedCheck } from './types';
import type { ParsedMacro } from '../macro/parse';
import { macroScope, type MacroScope } from '../macro/model';
import type { SiteKind, StringSite } from '../macro/sites';
import { problem, type Problem } from '../common/problem';
import { tagFitsScope, type TagCatalog } from '../tags/catalog';
import { analysisOf } from '../tags/locate';
import { StringLiteral } from '../tags/literal';
import { scanMalformedPlaceholders, scanPlaceholders, scanTags, scanVars } from '../tags/scanner';
import { otherTagSyntax, type TagSyntax } from '../project/tagSyntax';
import type { OffsetRange } from '../common/text';
import { suggestTagName } from '../tags/suggest';
import { pushAll } from '../common/arrays';

/** Tag and placeholder checks, with the same catalog resolution in the CLI and the editor. */
export const tagCheck: NamedCheck = {
  name: 'tags',
  run: async ctx => checkTags(ctx.parsed, await macroCatalog(ctx)),
};

/**
 * Unknown tags of one file that get a "Did you mean" (each costs a look through the catalog): a file with more has
 * them reported all the same, the rest without a suggestion, so a macro of 100,000 unknown tags stays quick to check.
 */
export const SUGGESTED_UNKNOWN_TAGS = 100;

/** The tags the macro being checked can use (its catalogs, its samples, other macros' return values). */
export function macroCatalog(ctx: CheckContext): Promise<TagCatalog> {
  const macro = ctx.parsed.macro;
  return ctx.env.catalogs.resolve({
    macroPath: ctx.options.path,
    builtinCatalog: ctx.options.builtinCatalog,
    samples: Array.isArray(macro?.samples) ? macro.samples : [],
    sampleReach: ctx.options.sampleReach,
  });
}

const NOT_ALLOWED_WHERE: Partial<Record<SiteKind, string>> = {
  'header-name': 'a header name',
  'body-key': 'a property name',
  method: 'the method',
};

export function checkTags(
  parsed: ParsedMacro,
  catalog: TagCatalog,
  sites: readonly StringSite[] = analysisOf(parsed).sites,
): Problem[] {
  const out: Problem[] = [];
  const scope = macroScope(parsed.macro);
  const syntax = parsed.tagSyntax;
  const other = otherTagSyntax(syntax);
  const w = syntax.wrap;
  // Tags written in the syntax the project does not use: one warning per file, at the first (see otherSyntaxProblem).
  let otherFound: { range: OffsetRange; shown: string } | undefined;
  let otherCount = 0;
  const suggestions = new Map<string, string | undefined>();
  const text = parsed.text;
  // Most strings hold neither `((` nor `${`: find the next occurrence of each in the document once
  // and skip every site before it (sites come in document order, so this is one sweep, no copies).
  const next = { tags: -1, other: -1, escape: -1, dollar: -1 };
  const nextAt = (key: keyof typeof next, needle: string, from: number) => {
    if (next[key] !== Infinity && next[key] < from) {
      const i = text.indexOf(needle, from);
      next[key] = i < 0 ? Infinity : i;
    }
    return next[key];
  };
  for (const site of sites) {
    const from = site.node.offset;
    const end = from + site.node.length;
    // `\u0028\u0028` is `((` too, so strings with \u escapes are decoded as well.
    const maybeTags =
      nextAt('tags', syntax.open, from) < end ||
      nextAt('escape', '\\u', from) < end ||
      nextAt('other', other.open, from) < end;
    const maybePlaceholders = nextAt('dollar', '$', from) < end;
    if (!maybeTags && !maybePlaceholders) continue;
    const decoded = new StringLiteral(text, site.node);
    const value = decoded.value;
    if (maybeTags && site.tagsAllowed && value.indexOf(other.open) >= 0) {
      for (const t of scanTags(value, other)) {
        if (t.kind !== 'tag') continue;
        otherCount++;
        otherFound ??= { range: decoded.range(t.start, t.end), shown: value.slice(t.start, t.end) };
      }
    }
    if (maybeTags) {
      for (const t of scanTags(value, syntax)) {
        // Ranges are computed only for problems: most tags are fine, and mapping costs a walk over escapes.
        const range = () => decoded.range(t.start, t.end);
        if (!site.tagsAllowed) {
          if (t.kind === 'tag' || t.kind === 'empty' || t.kind === 'invalid') {
            const shown = value.slice(t.start, t.end);
            out.push(
              problem(
                'tag/not-allowed',
                'error',
                `Tags are not filled in in ${NOT_ALLOWED_WHERE[site.kind] ?? 'this place'}: Centercode would send ${shown} as it is. Use tags in the URL, header values and body values only.`,
                range(),
              ),
            );
          }
          continue;
        }
        switch (t.kind) {
          case 'tag': {
            const def = catalog.tags.get(t.name);
            if (!def) {
              let suggestion = suggestions.get(t.name);
              const looked = suggestions.has(t.name);
              if (!looked && suggestions.size < SUGGESTED_UNKNOWN_TAGS)
                suggestions.set(t.name, (suggestion = suggestTagName(t.name, catalog, scope)));
              const whole = range();
              const nameRange = decoded.range(t.nameStart, t.nameEnd);
              const message =
                suggestion !== undefined
                  ? `Unknown tag ${w(t.name)}. Did you mean ${w(suggestion)}?`
                  : `Unknown tag ${w(t.name)}: it is not in the tag catalog, the macro's sample or another macro's returnValues. If your project has this field, add it to .ccmacro/tags.json.${looked || suggestions.has(t.name) ? '' : ` (ccmacro suggests names for the first ${SUGGESTED_UNKNOWN_TAGS} unknown tags of a file.)`}`;
              const p = problem(
                'tag/unknown',
                'warning',
                message,
                whole,
                suggestion !== undefined ? { tag: t.name, suggestion, nameRange } : { tag: t.name, nameRange },
              );
              p.unnecessary = true;
              out.push(p);
            } else if (!tagFitsScope(def, scope)) {
              out.push(
                problem(
                  'tag/wrong-scope',
                  'warning',
                  `${w(t.name)} is a ${def.scope} tag, but this is a ${scope} macro: Centercode fills it only in ${def.scope} macros.${scopeHint(scope)}`,
                  range(),
                  { tag: t.name },
                ),
              );
            }
            break;
          }
          case 'unterminated':
            out.push(
              problem(
                'tag/unterminated',
                'error',
                `This ${syntax.open} is not closed: add ${syntax.close} after the tag name${t.name ? `, as in ${w(t.name)}` : ''}. To write two ${syntax.delimiterWords} as plain text, type \\${syntax.escape}.`,
                range(),
              ),
            );
            break;
          case 'empty':
            out.push(
              problem(
                'tag/empty',
                'error',
                `Empty tag: write a tag name between ${syntax.open} and ${syntax.close}, e.g. ${w('Title')}.`,
                range(),
              ),
            );
            break;
          case 'invalid':
            out.push(
              problem(
                'tag/invalid-name',
                'error',
                `A tag name cannot hold "${t.badChar}": names may hold any characters except ${syntax.delimiterWords} and line breaks.`,
                range(),
              ),
            );
            break;
          case 'escape':
            break;
        }
      }
    }
    if (maybePlaceholders && value.indexOf('${') >= 0) pushAll(out, checkPlaceholders(site, value, decoded));
  }
  if (otherFound) out.push(otherSyntaxProblem(syntax, otherFound, otherCount));
  return out;
}

/**
 * `tag/other-syntax`: the macro writes tags in the syntax its project does not use, which Centercode would send as
 * text. One warning per file (at the first such tag; the quick fix and `ccmacro convert` convert the whole file).
 */
function otherSyntaxProblem(syntax: TagSyntax, found: { range: OffsetRange; shown: string }, count: number): Problem {
  const other = otherTagSyntax(syntax);
  const more = count > 1 ? ` (and ${count - 1} more in this file)` : '';
  return problem(
    'tag/other-syntax',
    'warning',
    `${found.shown}${more} is written in ${other.delimiterWords}, but this project's tags are written ${syntax.wrap('Name')} ("tagSyntax": "${syntax.id}" in .ccmacro/config.json, or the default): Centercode would send it as it is. Convert the file with the quick fix or \`ccmacro convert --tag-syntax ${syntax.id}\`, or set "tagSyntax": "${other.id}" if the project uses ${other.wrap('Name')}.`,
    found.range,
    { from: other.id, to: syntax.id, count },
  );
}

function scopeHint(scope: MacroScope): string {
  return scope === 'feedback'
    ? ' Set "scope": "user" if this macro runs on users.'
    : ' Set "scope": "feedback" if this macro runs on feedback.';
}

function checkPlaceholders(site: StringSite, value: string, decoded: StringLiteral): Problem[] {
  const out: Problem[] = [];
  if (site.placeholdersAllowed) {
    // ${env:NAME} reads whoever sends (or runs the cURL command of) this macro: a pull request can name any variable.
    for (const p of scanPlaceholders(value)) {
      if (p.kind !== 'env') continue;
      out.push(
        problem(
          'placeholder/env',
          'warning',
          `\${env:${p.name}} sends the value of the environment variable ${p.name} of whoever sends this macro or runs its cURL command to the macro's host (its URL): make sure this macro should have it (a credential belongs in \${secret:${p.name}}).`,
          decoded.range(p.start, p.end),
        ),
      );
    }
    for (const m of scanMalformedPlaceholders(value)) {
      out.push(
        problem(
          'placeholder/malformed',
          'error',
          `${m.text} is not a placeholder ccmacro understands: write \${secret:NAME}, \${env:NAME} or \${var:NAME}, where NAME holds letters, digits and _ and does not start with a digit.`,
          decoded.range(m.start, m.end),
        ),
      );
    }
  } else {
    for (const p of scanPlaceholders(value)) {
      const where =
        site.kind === 'body' || site.kind === 'body-key' ? 'the body' : (NOT_ALLOWED_WHERE[site.kind] ?? 'this place');
      out.push(
        problem(
          'placeholder/not-allowed',
          'error',
          `\${${p.kind}:${p.name}} is only filled in in the URL and header values; in ${where} it would be sent as it is.`,
          decoded.range(p.start, p.end),
        ),
      );
    }
    // ${var:NAME} is filled in in body values too, but never in a name (a header's or a body key) or the method.
    if (site.kind !== 'body')
      for (const v of scanVars(value))
        out.push(
          problem(
            'placeholder/not-allowed',
            'error',
            `\${var:${v.name}} is only filled in in the URL, header values and body values; in ${NOT_ALLOWED_WHERE[site.kind] ?? 'this place'} it would be sent as it is.`,
            decoded.range(v.start, v.end),
          ),
        );
  }
  return out;
}
