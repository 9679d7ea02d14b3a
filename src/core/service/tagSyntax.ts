import type { Problem } from '../common/problem';
import { fail, type Result } from '../common/result';
import { parseMacro, usableErrors } from '../macro/parse';
import { setTagSyntaxEdit, type AppliedConfig } from '../project/config';
import { tagSyntaxOf, type TagSyntaxId } from '../project/tagSyntax';
import { convertTagSyntax, type Conversion, type TextEdit } from '../tags/convert';
import type { MacroDocument } from './context';
import type { ServiceState } from './state';

/** The project's tag syntax (`.ccmacro/config.json`) and converting macros between `((Tag))` and `[[Tag]]`. */
export interface TagSyntaxMethods {
  /** The project config that applies to the macro at `macroPath`: where it is, its tag syntax, its problems. */
  projectConfig(macroPath: string): Promise<AppliedConfig>;
  /**
   * The macro with its tags rewritten in `to` (from its project's syntax, or `from`): the edits (one undoable edit in
   * the editor) and the text, or every located reason it cannot be converted without changing what it sends (a file
   * that is not valid JSON is one).
   */
  convertTagSyntax(doc: MacroDocument, to: TagSyntaxId, from?: TagSyntaxId): Promise<Result<Conversion, Problem[]>>;
  /** A config file's text (undefined: none yet) with `"tagSyntax"` set, everything else kept: one replacement. */
  tagSyntaxConfigEdit(text: string | undefined, to: TagSyntaxId): Promise<TextEdit>;
}

export function tagSyntaxMethods(state: ServiceState): TagSyntaxMethods {
  return {
    projectConfig: macroPath => state.configOf(macroPath),
    async convertTagSyntax(doc, to, from) {
      const source = from !== undefined ? tagSyntaxOf(from) : await state.syntaxOf(doc.path);
      const broken = usableErrors(parseMacro(doc.text, source));
      if (broken.length)
        return fail([{ ...broken[0], message: `${broken[0].message}; fix the JSON before converting its tags` }]);
      return convertTagSyntax(doc.text, source, tagSyntaxOf(to));
    },
    tagSyntaxConfigEdit: async (text, to) => setTagSyntaxEdit(text, tagSyntaxOf(to)),
  };
}
