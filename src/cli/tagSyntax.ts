import * as path from 'node:path';
import { formatProblem, type Problem } from '../core/common/problem';
import { LineIndex } from '../core/common/text';
import type { FileSystemLike } from '../core/host';
import { ProjectConfigs, type AppliedConfig, type ConfigProblem } from '../core/project/config';
import type { TagSyntax } from '../core/project/tagSyntax';
import type { CliIO } from './io';
import { displayName } from './macroFiles';
import { nodePathKind, Trees } from './tree';

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
 * The tag syntax of each macro of one CLI run: its project's `.ccmacro/config.json`, the nearest up to its tree's root
 * (the repository, else the folder given). A config with problems is reported once on stderr (located) and counts as
 * the default syntax; `ccmacro validate` reports it as an error.
 */
export class CliTagSyntax {
  readonly configs: ProjectConfigs;
  private readonly reported = new Set<string>();
  constructor(
    private readonly fs: FileSystemLike,
    private readonly trees: Trees,
    private readonly io?: Pick<CliIO, 'stderr' | 'cwd'>,
  ) {
    this.configs = new ProjectConfigs(fs, nodePathKind);
  }

  async config(file: string): Promise<AppliedConfig> {
    const tree = await this.trees.of(file);
    const applied = await this.configs.forMacro(file, tree.root);
    if (this.io && applied.path && applied.problems.length && !this.reported.has(applied.path)) {
      this.reported.add(applied.path);
      const read = await this.fs.readFile(applied.path);
      const lines = read.ok ? new LineIndex(read.value) : undefined;
      for (const p of applied.problems)
        this.io.stderr(
          formatProblem(displayName(applied.path, this.io.cwd), configProblem(p), lines) +
            ' (the default tag syntax, parentheses, is used)\n',
        );
    }
    return applied;
  }

  async of(file: string): Promise<TagSyntax> {
    return (await this.config(file)).tagSyntax;
  }
}

/** For a command on one file: its tag syntax, its tree found from the file itself. */
export async function tagSyntaxOfFile(
  file: string,
  fs: FileSystemLike,
  io: Pick<CliIO, 'stderr' | 'cwd'>,
): Promise<TagSyntax> {
  return new CliTagSyntax(fs, new Trees([path.dirname(file)]), io).of(file);
}
