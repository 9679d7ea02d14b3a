import type { Problem } from '../core/common/problem';
import type { CcmacroHost } from '../core/host';
import type { ConfigProblem } from '../core/project/config';
import { nodePathKind, type Trees } from './tree';

/** A `.ccmacro/config.json` problem as a Problem located in that file (`config/invalid`). */
export function configProblem(p: ConfigProblem): Problem {
  return {
    code: 'config/invalid',
    severity: 'error',
    message: p.message,
    range: { start: p.offset, end: p.offset + p.length },
  };
}

/**
 * What the CLI's service needs to find each macro's project config (`.ccmacro/config.json`, its tag syntax): the tree
 * the macro is in (its repository, else the folder given: `trees`, or the repository root `root`), looked at without
 * following links.
 */
export function cliTreeHost(trees: Trees | { root: string }): Pick<CcmacroHost, 'treeRoot' | 'pathKind'> {
  return {
    treeRoot: 'of' in trees ? async p => (await trees.of(p)).root : () => trees.root,
    pathKind: nodePathKind,
  };
}
