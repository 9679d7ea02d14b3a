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
import type { MacroDocument } from './context';

/**
 * New macros and the way to and from Centercode's webhook form: templates, "New Macro from Centercode Body", "Copy
 * for Centercode". Importers of other formats are methods of this group, next to fromCentercodeForm.
 */
export interface Creating {
  /** The templates "New Webhook Macro" offers. */
  macroTemplates(): Promise<readonly MacroTemplateInfo[]>;
  /** A new macro file's text from a template. */
  macroTemplate(kind: MacroTemplateKind, name: string): Promise<string>;
  /** Asks for Centercode's webhook form field by field through `ui`; undefined when the user cancels. */
  askCentercodeForm(ui: CentercodeFormUi): Promise<CentercodeInput | undefined>;
  /** A macro file made from the fields of Centercode's webhook form, with notes for the author. */
  fromCentercodeForm(input: CentercodeInput): Promise<NewMacroText>;
  /**
   * The macro as Centercode's webhook form takes it (body with ((tags)) kept, URL, header lines, method, and all of
   * them as one text), or the error that makes the file unusable (ranges into `doc.text`), or none: no "request".
   */
  centercodeForm(doc: MacroDocument): Promise<Result<CentercodeForm & { all: string }, Problem | 'no-request'>>;
}

export function creating(): Creating {
  return {
    macroTemplates: async () => MACRO_TEMPLATES,
    macroTemplate: async (kind, name) => macroTemplate(kind, name),
    askCentercodeForm: ui => askCentercodeForm(ui),
    fromCentercodeForm: async input => fromCentercodeForm(input),
    async centercodeForm(doc) {
      const parsed = parseMacro(doc.text);
      const [unusable] = usableErrors(parsed);
      if (unusable) return { ok: false, error: unusable };
      if (!parsed.macro?.request) return { ok: false, error: 'no-request' };
      const f = toCentercodeForm(parsed);
      return { ok: true, value: { ...f, all: centercodeFormText(f) } };
    },
  };
}
