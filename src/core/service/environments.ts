import * as path from 'node:path';
import type { Problem } from '../common/problem';
import type { OffsetRange } from '../common/text';
import { completeVarAt, varHoverAt, type VarCompletionItem } from '../environments/editor';
import type { Environments } from '../environments/environments';
import type { SampleReach } from '../samples/reach';
import { analyzeMacro } from '../tags/locate';
import { environmentSecretProblems } from '../check/secrets';
import { ENVIRONMENTS_LOCAL_FILE } from '../environments/names';
import type { MacroDocument } from './context';
import type { ServiceState } from './state';

/** Environments (`.ccmacro/environments.json` and its private overlay): what `${var:NAME}` is in each. */
export interface EnvironmentMethods {
  /**
   * The environments of the project a file is in: the nearest folder at or above the file's that has an
   * environments file; undefined when there is none. Kept while the files' texts stay the same. With `reach` (the
   * repository, the workspace folder), no folder above its tree is looked in and no file leading out of it is read.
   */
  environments(filePath: string, reach?: SampleReach): Promise<Environments | undefined>;
  /**
   * One environments file's problems (located in `text`), as `validate` and the editor report them; in the committed
   * file, a value that looks like a credential too (`environments/secret`).
   */
  environmentFileProblems(filePath: string, text: string): Promise<Problem[]>;
  /** Completion after `${` in a place `${var:…}` is filled in: every name the files define, with each value. */
  varCompletions(
    doc: MacroDocument,
    offset: number,
    active: string | undefined,
    reach?: SampleReach,
  ): Promise<VarCompletionItem[] | undefined>;
  /** The `${var:NAME}` at `offset` and its value in each environment (Markdown). */
  varHover(
    doc: MacroDocument,
    offset: number,
    active: string | undefined,
    reach?: SampleReach,
  ): Promise<{ range: OffsetRange; markdown: string } | undefined>;
}

export function environmentMethods(state: ServiceState): EnvironmentMethods {
  const files = state.env.environments!;
  return {
    environments: async (filePath, reach) => files.forFolder(path.dirname(filePath), reach),
    environmentFileProblems: async (filePath, text) => {
      const parsed = files.parse(filePath, text);
      // The private overlay is the user's own; the committed file is everyone's: no credential there.
      return path.basename(filePath) === path.basename(ENVIRONMENTS_LOCAL_FILE)
        ? parsed.problems
        : [...parsed.problems, ...environmentSecretProblems(parsed)];
    },
    async varCompletions(doc, offset, active, reach) {
      const envs = await files.forFolder(path.dirname(doc.path), reach);
      return envs
        ? completeVarAt(analyzeMacro(doc.text, await state.syntaxOf(doc.path)), offset, envs, active)
        : undefined;
    },
    async varHover(doc, offset, active, reach) {
      const envs = await files.forFolder(path.dirname(doc.path), reach);
      return varHoverAt(analyzeMacro(doc.text, await state.syntaxOf(doc.path)), offset, envs, active);
    },
  };
}
