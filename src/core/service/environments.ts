import * as path from 'node:path';
import type { Problem } from '../common/problem';
import type { OffsetRange } from '../common/text';
import { completeVarAt, varHoverAt, type VarCompletionItem } from '../environments/editor';
import type { Environments } from '../environments/environments';
import { analyzeMacro } from '../tags/locate';
import type { MacroDocument } from './context';
import type { ServiceState } from './state';

/** Environments (`.ccmacro/environments.json` and its private overlay): what `${var:NAME}` is in each. */
export interface EnvironmentMethods {
  /**
   * The environments of the project a file is in: the nearest folder at or above the file's that has an
   * environments file; undefined when there is none. Kept while the files' texts stay the same.
   */
  environments(filePath: string): Promise<Environments | undefined>;
  /** One environments file's problems (located in `text`), as `validate` and the editor report them. */
  environmentFileProblems(filePath: string, text: string): Promise<Problem[]>;
  /** Completion after `${` in a place `${var:…}` is filled in: every name the files define, with each value. */
  varCompletions(
    doc: MacroDocument,
    offset: number,
    active: string | undefined,
  ): Promise<VarCompletionItem[] | undefined>;
  /** The `${var:NAME}` at `offset` and its value in each environment (Markdown). */
  varHover(
    doc: MacroDocument,
    offset: number,
    active: string | undefined,
  ): Promise<{ range: OffsetRange; markdown: string } | undefined>;
}

export function environmentMethods(state: ServiceState): EnvironmentMethods {
  const files = state.env.environments!;
  return {
    environments: async filePath => files.forFolder(path.dirname(filePath)),
    environmentFileProblems: async (filePath, text) => files.parse(filePath, text).problems,
    async varCompletions(doc, offset, active) {
      const envs = await files.forFolder(path.dirname(doc.path));
      return envs
        ? completeVarAt(analyzeMacro(doc.text, await state.syntaxOf(doc.path)), offset, envs, active)
        : undefined;
    },
    async varHover(doc, offset, active) {
      const envs = await files.forFolder(path.dirname(doc.path));
      return varHoverAt(analyzeMacro(doc.text, await state.syntaxOf(doc.path)), offset, envs, active);
    },
  };
}
