import { askCentercodeForm, type CentercodeFormUi } from '../centercode/askForm';
import {
  centercodeFormText,
  fromCentercodeForm,
  toCentercodeForm,
  type CentercodeForm,
  type CentercodeInput,
  type NewMacroText,
} from '../centercode/form';
import type { Problem } from '../common/problem';
import type { Result } from '../common/result';
import { parseMacro, usableErrors } from '../macro/parse';
import { MACRO_TEMPLATES, macroTemplate, type MacroTemplateInfo, type MacroTemplateKind } from '../targets';
import { askCurlCommand, curlErrorText, type CurlAnswers } from '../import/askCurl';
import type { CurlError } from '../import/curl';
import { curlToMacro, type CurlImportOptions, type ImportedMacro } from '../import/fromCurl';
import { importPostmanCollection, type PostmanError, type PostmanImport, type PostmanInput } from '../import/postman';
import type { ServiceState } from './state';
import { PARENTHESES, type TagSyntax } from '../project/tagSyntax';
import { convertTagSyntax } from '../tags/convert';
import type { MacroDocument } from './context';

/**
 * New macros and the way to and from Centercode's webhook form: templates, "New Macro from Centercode Body", "Copy
 * for Centercode". Importers of other formats are methods of this group, next to fromCentercodeForm.
 */
export interface Creating {
  /** The templates "New Webhook Macro" offers. */
  macroTemplates(): Promise<readonly MacroTemplateInfo[]>;
  /**
   * A new macro file's text from a template, its tags written as the project of `path` (where the file goes) writes
   * them (`.ccmacro/config.json`); without `path`, `((Tag))`.
   */
  macroTemplate(kind: MacroTemplateKind, name: string, path?: string): Promise<string>;
  /** Asks for Centercode's webhook form field by field through `ui`; undefined when the user cancels. */
  askCentercodeForm(ui: CentercodeFormUi): Promise<CentercodeInput | undefined>;
  /** A macro file made from the fields of Centercode's webhook form, with notes for the author. */
  fromCentercodeForm(input: CentercodeInput): Promise<NewMacroText>;
  /**
   * The macro as Centercode's webhook form takes it (body with ((tags)) kept, URL, header lines, method, and all of
   * them as one text), or the error that makes the file unusable (ranges into `doc.text`), or none: no "request".
   */
  centercodeForm(
    doc: MacroDocument,
    /** One environment's `${var:NAME}` values, written in literally (Centercode has no environments). */
    vars?: Readonly<Record<string, string>>,
  ): Promise<Result<CentercodeForm & { all: string }, Problem | 'no-request'>>;
  /** Asks for a cURL command (the clipboard's offered first) and the macro's name through `ui`; undefined: cancelled. */
  askCurlCommand(ui: CentercodeFormUi): Promise<CurlAnswers | undefined>;
  /** The macro for a cURL command (credentials moved to secrets), or where and why it cannot be imported. */
  importCurl(command: string, options?: CurlImportOptions): Promise<Result<ImportedMacro, Problem>>;
  /** A cURL parse error as one sentence with its place, the command's credentials masked. */
  curlErrorText(command: string, error: CurlError): Promise<string>;
  /** The macros, environments and secrets of a Postman collection (and environment), or where it cannot be read. */
  importPostman(input: PostmanInput): Promise<Result<PostmanImport, PostmanError>>;
}

export function creating(state: ServiceState): Creating {
  return {
    macroTemplates: async () => MACRO_TEMPLATES,
    async macroTemplate(kind, name, path) {
      const text = macroTemplate(kind, name);
      return path === undefined ? text : inProjectSyntax(text, await state.syntaxOf(path));
    },
    askCentercodeForm: ui => askCentercodeForm(ui),
    // The body's tags are read in the syntax of the project the new file goes to (`path`), unless given.
    fromCentercodeForm: async input =>
      fromCentercodeForm({
        ...input,
        tagSyntax: input.tagSyntax ?? (input.path !== undefined ? await state.syntaxOf(input.path) : undefined),
      }),
    async centercodeForm(doc, vars) {
      const parsed = parseMacro(doc.text, await state.syntaxOf(doc.path));
      const [unusable] = usableErrors(parsed);
      if (unusable) return { ok: false, error: unusable };
      if (!parsed.macro?.request) return { ok: false, error: 'no-request' };
      const f = toCentercodeForm(
        parsed,
        vars && (name => (Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : undefined)),
      );
      return { ok: true, value: { ...f, all: centercodeFormText(f) } };
    },
    askCurlCommand: ui => askCurlCommand(ui),
    importCurl: async (command, options) => curlToMacro(command, options),
    curlErrorText: async (command, error) => curlErrorText(command, error),
    importPostman: async input => importPostmanCollection(input),
  };
}

/**
 * A text ccmacro wrote with `((Tag))` (a template), its tags in `syntax`. Templates convert cleanly (a unit test
 * converts every one); one that did not would keep `((Tag))`, which the project's other-syntax warning and its quick
 * fix then show.
 */
function inProjectSyntax(text: string, syntax: TagSyntax): string {
  if (syntax.id === PARENTHESES.id) return text;
  const converted = convertTagSyntax(text, PARENTHESES, syntax);
  return converted.ok ? converted.value.text : text;
}
