import type { NamedCheck } from '../validate';
import type { ParsedMacro } from '../macro/parse';
import { macroScope, type MacroScope } from '../macro/model';
import { decodeStringNode, type SiteKind, type StringSite } from '../macro/sites';
import { problem, type Problem } from '../problem';
import { resolveTagCatalog, tagFitsScope, type TagCatalog } from './catalog';
import { analysisOf, documentRange } from './locate';
import { mayHoldTags, scanMalformedPlaceholders, scanPlaceholders, scanTags } from './scanner';
import { suggestTagName } from './suggest';

/** Tag and placeholder checks, with the same catalog resolution in the CLI and the editor. */
export const tagCheck: NamedCheck = {
  name: 'tags',
  run: async ctx => {
    const macro = ctx.parsed.macro;
    const catalog = await resolveTagCatalog({
      macroPath: ctx.options.path,
      fs: ctx.options.fs,
      builtinCatalog: ctx.options.builtinCatalog,
      samples: Array.isArray(macro?.samples) ? macro.samples : [],
    });
    return checkTags(ctx.parsed, catalog);
  },
};

const NOT_ALLOWED_WHERE: Partial<Record<SiteKind, string>> = {
  'header-name': 'a header name',
  'body-key': 'a property name',
  method: 'the method',
};

export function checkTags(parsed: ParsedMacro, catalog: TagCatalog, sites: readonly StringSite[] = analysisOf(parsed).sites): Problem[] {
  const out: Problem[] = [];
  const scope = macroScope(parsed.macro);
  const suggestions = new Map<string, string | undefined>();
  const text = parsed.text;
  for (const site of sites) {
    // Cheap pre-check on the raw literal: most strings hold neither `((` nor `${`.
    const raw = text.slice(site.node.offset, site.node.offset + site.node.length);
    const maybeTags = mayHoldTags(raw) || raw.indexOf('\\u') >= 0;
    const maybePlaceholders = raw.indexOf('$') >= 0;
    if (!maybeTags && !maybePlaceholders) continue;
    const decoded = decodeStringNode(text, site.node);
    const value = decoded.value;
    if (maybeTags || mayHoldTags(value)) {
      for (const t of scanTags(value)) {
        const range = documentRange(decoded, t.start, t.end);
        if (!site.tagsAllowed) {
          if (t.kind === 'tag' || t.kind === 'empty' || t.kind === 'invalid') {
            const shown = value.slice(t.start, t.end);
            out.push(problem('tag/not-allowed', 'error', `Tags are not filled in in ${NOT_ALLOWED_WHERE[site.kind] ?? 'this place'}: Centercode would send ${shown} as it is. Use tags in the URL, header values and body values only.`, range));
          }
          continue;
        }
        switch (t.kind) {
          case 'tag': {
            const def = catalog.tags.get(t.name);
            if (!def) {
              let suggestion = suggestions.get(t.name);
              if (!suggestions.has(t.name)) suggestions.set(t.name, (suggestion = suggestTagName(t.name, catalog, scope)));
              const nameRange = documentRange(decoded, t.nameStart, t.nameEnd);
              const message = suggestion !== undefined
                ? `Unknown tag ((${t.name})). Did you mean ((${suggestion}))?`
                : `Unknown tag ((${t.name})): it is not in the tag catalog or the macro's sample. If your project has this field, add it to .ccmacro/tags.json.`;
              const p = problem('tag/unknown', 'warning', message, range, suggestion !== undefined ? { tag: t.name, suggestion, nameRange } : { tag: t.name, nameRange });
              p.unnecessary = true;
              out.push(p);
            } else if (!tagFitsScope(def, scope)) {
              out.push(problem('tag/wrong-scope', 'warning', `((${t.name})) is a ${def.scope} tag, but this is a ${scope} macro: Centercode fills it only in ${def.scope} macros.${scopeHint(scope)}`, range, { tag: t.name }));
            }
            break;
          }
          case 'unterminated':
            out.push(problem('tag/unterminated', 'error', `This (( is not closed: add )) after the tag name${t.name ? ` (((${t.name})))` : ''}. To write two parentheses as plain text, type \\\\((.`, range));
            break;
          case 'empty':
            out.push(problem('tag/empty', 'error', 'Empty tag: write a tag name between (( and )), e.g. ((Title)).', range));
            break;
          case 'invalid':
            out.push(problem('tag/invalid-name', 'error', `A tag name cannot hold "${t.badChar}": names may hold any characters except parentheses and line breaks.`, range));
            break;
          case 'escape':
            break;
        }
      }
    }
    if (maybePlaceholders && value.indexOf('${') >= 0) out.push(...checkPlaceholders(site, value, decoded));
  }
  return out;
}

function scopeHint(scope: MacroScope): string {
  return scope === 'feedback' ? ' Set "scope": "user" if this macro runs on users.' : ' Set "scope": "feedback" if this macro runs on feedback.';
}

function checkPlaceholders(site: StringSite, value: string, decoded: ReturnType<typeof decodeStringNode>): Problem[] {
  const out: Problem[] = [];
  if (site.placeholdersAllowed) {
    for (const m of scanMalformedPlaceholders(value)) {
      out.push(problem('placeholder/malformed', 'error', `${m.text} is not a placeholder ccmacro understands: write \${secret:NAME} or \${env:NAME}, where NAME holds letters, digits and _ and does not start with a digit.`, documentRange(decoded, m.start, m.end)));
    }
  } else {
    for (const p of scanPlaceholders(value)) {
      const where = site.kind === 'body' || site.kind === 'body-key' ? 'the body' : NOT_ALLOWED_WHERE[site.kind] ?? 'this place';
      out.push(problem('placeholder/not-allowed', 'error', `\${${p.kind}:${p.name}} is only filled in in the URL and header values; in ${where} it would be sent as it is.`, documentRange(decoded, p.start, p.end)));
    }
  }
  return out;
}
