import { DEFAULT_TAG_SYNTAX, type TagSyntax } from '../project/tagSyntax';
import { problem, type Problem } from '../common/problem';
import { isSampleValue, type SampleItem, type SampleValue } from '../samples/types';
import { valueText } from '../samples/describe';
import {
  characterName,
  hasLoneSurrogate,
  jsonStringContent,
  loneSurrogateName,
  xmlAttributeEscape,
  xmlBadCharacter,
  xmlCdataEscape,
  xmlEscape,
} from './encode';
import type { FieldEncoding, FieldKind } from './fields';
import type { ChunkPlaceholder, FlatHole, FlatTemplate, HoleContext } from './flat';
import type { PlaceholderSite, Substitution, VarSubstitution, VarValue, VarValues } from './types';
import { convertTyped } from './values';

type Part = Substitution['target']['part'];

const CONTEXT_ENCODERS: Record<HoleContext, (v: string) => string> = {
  'xml-text': xmlEscape,
  'xml-attr': xmlAttributeEscape,
  'xml-cdata': xmlCdataEscape,
  'xml-markup': xmlEscape,
};

/**
 * Fills the compiled templates of one render with one sample item's values, and keeps what the render reports: its
 * problems (each at the tag that caused it), where every value landed (substitutions) and where the author's
 * placeholders are. One instance per render; `fill` is called once per part (the URL, each header, the body).
 */
export class TemplateFill {
  readonly problems: Problem[] = [];
  readonly substitutions: Substitution[] = [];
  readonly placeholders: PlaceholderSite[] = [];
  readonly varSubstitutions: VarSubstitution[] = [];
  /** Where each literal chunk of the last filled template starts in its output. */
  private chunkStarts: number[] = [];
  /** The body passed `bodyLimit` while filling: it was not finished (the render is refused). */
  bodyOverLimit = false;

  constructor(
    private readonly sample: SampleItem,
    private readonly allowMissing: boolean,
    private readonly fields: FieldEncoding,
    private readonly vars?: VarValues | 'keep',
    /** The most characters a body is filled to (a character is at least one byte: MAX_BODY_BYTES). */
    private readonly bodyLimit = Infinity,
    /** The macro's tag syntax: how messages write a tag. */
    readonly syntax: TagSyntax = DEFAULT_TAG_SYNTAX,
  ) {}

  /**
   * One template's text. `encode` writes a plain value where this part holds it (URL, header, form, text body);
   * a hole with an XML context is written for that context, and one in a JSON string for the kind of field it is.
   */
  fill(f: FlatTemplate, part: Part, encode: (v: string) => string, headerIndex?: number): string {
    // Output pieces joined once at the end (one flat string); `len` is the output length so far.
    const parts: string[] = [f.chunks[0]];
    let len = f.chunks[0].length;
    // A body stops growing past its limit: the render is refused (render/body-too-large).
    const limit = part === 'body' ? this.bodyLimit : Infinity;
    const track = part !== 'body';
    const values = new TemplateValues(f, this.sample, this.allowMissing);
    this.chunkStarts = [0];
    for (let i = 0; i < f.holes.length; i++) {
      const h = f.holes[i];
      const v = h.var ? undefined : values.value(h.nameIndex);
      if (h.var) {
        const start = len;
        const filled = this.varText(h, part);
        parts.push(filled.text);
        len += filled.text.length;
        if (filled.from)
          this.varSubstitutions.push({
            name: h.name,
            source: h.source,
            target: headerIndex === undefined ? { part, start, end: len } : { part, headerIndex, start, end: len },
            value: filled.from.value,
            from: { file: filled.from.file, section: filled.from.section, range: filled.from.range },
          });
      } else if (v === undefined) this.reportMissing(h);
      else {
        const { text, plain } = h.typed ? this.typedText(h, v) : this.valueText(h, values, encode);
        const start = len;
        parts.push(text);
        len += text.length;
        const sub: Substitution = {
          tag: h.name,
          source: h.source,
          target: headerIndex === undefined ? { part, start, end: len } : { part, headerIndex, start, end: len },
          value: plain,
        };
        if (h.typed) sub.typed = h.typed;
        this.substitutions.push(sub);
      }
      if (track) this.chunkStarts.push(len);
      const chunk = f.chunks[i + 1];
      parts.push(chunk);
      len += chunk.length;
      if (len > limit) {
        this.bodyOverLimit = true;
        return '';
      }
    }
    return parts.join('');
  }

  /**
   * A `${var:NAME}`: the environment's value written as the author's own text is where it sits (as is in the URL and
   * headers, JSON-escaped in a JSON string, form-encoded in a form field, escaped for its place in XML), never read
   * again for tags or placeholders; kept as written with `vars: 'keep'`. A value that cannot go there is refused at
   * the placeholder.
   */
  private varText(h: FlatHole, part: Part): { text: string; from?: VarValue } {
    const vars = this.vars;
    if (vars === 'keep') return { text: `\${var:${h.name}}` };
    const refuse = (code: string, message: string) => {
      this.problems.push(problem(code, 'error', message, h.source, { var: h.name }));
      return { text: '' };
    };
    if (!vars)
      return refuse(
        'var/no-environment',
        `\${var:${h.name}} takes its value from an environment, and none is chosen: choose one (--env NAME or CCMACRO_ENV in the CLI, the status bar in the editor), or create .ccmacro/environments.json (ccmacro: New Environment File)`,
      );
    const found = vars.lookup(h.name);
    if (!found)
      return refuse(
        'var/unresolved',
        `\${var:${h.name}} has no value in the environment "${vars.environment}" or in "$shared": add "${h.name}" to .ccmacro/environments.json`,
      );
    const where = `in "${found.section}" (${found.file.split(/[\\/]/).slice(-2).join('/')})`;
    if (hasLoneSurrogate(found.value))
      return refuse(
        'render/lone-surrogate',
        `The value of \${var:${h.name}} ${where} holds ${loneSurrogateName(found.value)}, half of a character without its other half: no request can carry it. Fix the value`,
      );
    if (part !== 'body') {
      const bad = /[\x00-\x1f\x7f]/.exec(found.value);
      if (bad)
        return refuse(
          'var/unusable',
          `The value of \${var:${h.name}} ${where} holds ${/[\r\n]/.test(bad[0]) ? 'a line break' : 'the control character'} (${characterName(bad[0])}), which cannot go in ${part === 'url' ? 'a URL' : 'a header'}, so ccmacro will not send it. Remove it from the value`,
        );
    }
    if (h.ctx === 'xml-markup')
      return refuse(
        'render/xml-tag-position',
        `\${var:${h.name}} sits inside XML markup, where no value can be written safely: put it in element text or a quoted attribute value`,
      );
    const text = h.ctx ? CONTEXT_ENCODERS[h.ctx](found.value) : h.literal ? h.literal(found.value) : found.value;
    return { text, from: found };
  }

  /** Placeholders sit in literal chunks: their output offset is where the last fill put that chunk. */
  locatePlaceholders(list: readonly ChunkPlaceholder[], part: 'url' | 'header', headerIndex?: number): void {
    for (const p of list) {
      const site: PlaceholderSite = {
        part,
        start: this.chunkStarts[p.chunk] + p.start,
        end: this.chunkStarts[p.chunk] + p.end,
        kind: p.kind,
        name: p.name,
      };
      if (headerIndex !== undefined) site.headerIndex = headerIndex;
      this.placeholders.push(site);
    }
  }

  /** A plain (untyped) value, checked and encoded once per tag and template (per context or kind of field). */
  private valueText(h: FlatHole, values: TemplateValues, encode: (v: string) => string) {
    const k = h.nameIndex;
    const plain = values.plain(k);
    if (h.ctx !== undefined || values.firstCheck(k)) this.checkValue(plain, h);
    if (h.ctx !== undefined) return { text: CONTEXT_ENCODERS[h.ctx](plain), plain };
    if (!h.node) return { text: values.encoded(k, '', () => encode(plain)), plain };
    const kindName = this.fields.kindOf
      ? this.fields.kindOf({ node: h.node, opens: h.source.start === h.node.offset + 1 })
      : this.fields.defaultKind;
    const kind: FieldKind = this.fields.kinds[kindName] ?? this.fields.kinds[this.fields.defaultKind];
    const refused = kind.refuse?.(plain, this.syntax.wrap(h.name));
    if (refused)
      this.problems.push(problem(refused.code, refused.severity, refused.message, h.source, { tag: h.name }));
    return { text: values.encoded(k, kindName, () => jsonStringContent(kind.encode(plain))), plain };
  }

  /** A typed JSON value (`((Tag)):number` …): its JSON text, or null with a problem when the value is not one. */
  private typedText(h: FlatHole, v: SampleValue): { text: string; plain: string } {
    const plain = valueText(v);
    const conv = convertTyped(v, h.typed!);
    if (!conv.ok) {
      this.problems.push(
        problem(
          'render/typed-value',
          'error',
          `${this.syntax.wrap(h.name)}:${h.typed} needs a ${h.typed === 'json' ? 'JSON' : h.typed} value, but ${conv.error}`,
          h.source,
          { tag: h.name },
        ),
      );
      return { text: 'null', plain };
    }
    if (conv.value.empty)
      this.problems.push(
        problem(
          'render/typed-empty',
          'warning',
          `${this.syntax.wrap(h.name)} is empty in the sample, so ${this.syntax.wrap(h.name)}:${h.typed} is sent as null`,
          h.source,
          { tag: h.name },
        ),
      );
    let text = conv.value.text;
    if (h.indent && text.indexOf('\n') >= 0) text = text.replace(/\n/g, '\n' + h.indent);
    return { text, plain };
  }

  private reportMissing(h: FlatHole): void {
    this.problems.push(
      problem(
        'render/missing-tag',
        'error',
        `The sample has no value for ${this.syntax.wrap(h.name)}. Add "${h.name}" to the sample, or render with missing tags left empty`,
        h.source,
        { tag: h.name },
      ),
    );
  }

  /**
   * Values no request can carry, and values that cannot go where their tag is: refused at the tag that brought them
   * (once per tag and template), never sent as something else.
   */
  private checkValue(plain: string, h: FlatHole): void {
    const refuse = (code: string, message: string) =>
      this.problems.push(problem(code, 'error', message, h.source, { tag: h.name }));
    if (hasLoneSurrogate(plain))
      refuse(
        'render/lone-surrogate',
        `The value of ${this.syntax.wrap(h.name)} holds ${loneSurrogateName(plain)}, half of a character (a surrogate pair) without its other half: no request can carry it, so ccmacro will not send it. Fix the value in the sample`,
      );
    else if (h.ctx === 'xml-markup')
      refuse(
        'render/xml-tag-position',
        `${this.syntax.wrap(h.name)} sits inside XML markup (a tag or attribute name, a comment, a processing instruction or an unquoted attribute value), where no value can be written safely: put it in element text or a quoted attribute value`,
      );
    else if (h.ctx?.startsWith('xml-')) {
      const bad = xmlBadCharacter(plain);
      if (bad !== undefined)
        refuse(
          'render/xml-bad-character',
          `The value of ${this.syntax.wrap(h.name)} holds the control character ${characterName(bad)}, which XML cannot hold in any form (not even as &#…;), so the body would not be XML. Remove it from the value`,
        );
    }
  }
}

/**
 * One template's values per distinct tag name (FlatTemplate.names): the sample value, its text and its encoded
 * forms, each computed once however often the tag is used.
 */
class TemplateValues {
  private readonly values: Array<SampleValue | undefined>;
  private readonly plains: Array<string | undefined>;
  private readonly checked: boolean[];
  /** Encoded text per kind of field ('' for the part's own encoder), then per name. */
  private readonly encodings = new Map<string, Array<string | undefined>>();

  constructor(
    private readonly f: FlatTemplate,
    sample: SampleItem,
    allowMissing: boolean,
  ) {
    const n = f.names.length;
    this.values = new Array(n);
    this.plains = new Array(n);
    this.checked = new Array(n).fill(false);
    for (let k = 0; k < n; k++) {
      const v = sampleValue(sample, f.names[k]);
      this.values[k] = v === undefined && allowMissing ? '' : v;
    }
  }

  value(k: number): SampleValue | undefined {
    return this.values[k];
  }

  plain(k: number): string {
    return (this.plains[k] ??= valueText(this.values[k]!));
  }

  /** True the first time a name is checked in this template. */
  firstCheck(k: number): boolean {
    if (this.checked[k]) return false;
    this.checked[k] = true;
    return true;
  }

  encoded(k: number, kind: string, make: () => string): string {
    let list = this.encodings.get(kind);
    if (!list) this.encodings.set(kind, (list = new Array(this.f.names.length)));
    return (list[k] ??= make());
  }
}

/** Only sample values fill tags: anything else an item built in code holds (an object, a function) is left out. */
function sampleValue(sample: SampleItem, name: string): SampleValue | undefined {
  if (!Object.prototype.hasOwnProperty.call(sample, name)) return undefined;
  const v: unknown = sample[name];
  return isSampleValue(v) ? v : undefined;
}
