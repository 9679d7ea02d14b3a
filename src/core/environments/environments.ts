import * as path from 'node:path';
import type { FileSystemLike } from '../host';
import { TextCache } from '../common/textCache';
import { isInsideTree } from '../common/tree';
import type { FileRead } from '../common/decode';
import { outsideRefusal, type SampleReach } from '../samples/reach';
import type { VarValue, VarValues } from '../render/types';
import {
  ENVIRONMENTS_FILE,
  ENVIRONMENTS_LOCAL_FILE,
  parseEnvironmentFile,
  type EnvironmentSection,
  type ParsedEnvironmentFile,
} from './file';

/** One environments file as read: where, its text (for locating problems) and what was parsed. */
interface EnvironmentFileRead {
  path: string;
  text: string;
  parsed: ParsedEnvironmentFile;
}

/** Where one `${var:NAME}` gets its value in one environment (hover, completion, the preview's trace). */
interface VarInEnvironment {
  environment: string;
  value?: VarValue;
}

/**
 * The environments of one project: `.ccmacro/environments.json` (committed) overlaid by
 * `.ccmacro/environments.local.json` (private). The exact rule, for `${var:NAME}` in environment ENV:
 *
 *   1. ENV in the local file, 2. ENV in the committed file, 3. `$shared` in the local file, 4. `$shared` in the
 *   committed file; the first that has NAME gives its value, as written (never expanded again).
 *
 * An environment exists when either file names it; it asks before sending (`$confirm`) when either file says
 * `"$confirm": true` (the private file can add a confirmation, never take the team's away).
 */
export class Environments {
  constructor(
    /** The folder holding `.ccmacro/`. */
    readonly root: string,
    readonly committed: EnvironmentFileRead | undefined,
    readonly local: EnvironmentFileRead | undefined,
  ) {}

  /** Both files, committed first (those that exist). */
  files(): EnvironmentFileRead[] {
    return [this.committed, this.local].filter((f): f is EnvironmentFileRead => f !== undefined);
  }

  /** Environment names: the committed file's in its order, then those only the local file has. */
  names(): string[] {
    const out: string[] = [];
    for (const f of this.files()) for (const e of f.parsed.environments) if (!out.includes(e.name)) out.push(e.name);
    return out;
  }

  has(name: string): boolean {
    return this.names().includes(name);
  }

  confirm(name: string): boolean {
    return this.files().some(f => f.parsed.environments.some(e => e.name === name && e.confirm));
  }

  /** The environment Copy for Centercode offers first: the first one with `$confirm` (production), else none. */
  confirmed(): string | undefined {
    return this.names().find(n => this.confirm(n));
  }

  lookup(environment: string, name: string): VarValue | undefined {
    for (const [file, section] of this.order(environment)) {
      const v = section.values.get(name);
      if (v) return { value: v.value, file: file.path, section: section.name, range: v.range };
    }
    return undefined;
  }

  /** The `${var:…}` values of one environment, for a render. */
  varValues(environment: string): VarValues {
    return { environment, lookup: name => this.lookup(environment, name) };
  }

  /** NAME's value in each environment (undefined where it has none). */
  valuesOf(name: string): VarInEnvironment[] {
    return this.names().map(environment => ({ environment, value: this.lookup(environment, name) }));
  }

  /** Every NAME any section gives, sorted. */
  varNames(): string[] {
    const out = new Set<string>();
    for (const f of this.files())
      for (const s of [...f.parsed.environments, ...(f.parsed.shared ? [f.parsed.shared] : [])])
        for (const k of s.values.keys()) out.add(k);
    return [...out].sort();
  }

  /** The sections to look in for `environment`, in the order of the rule above. */
  private order(environment: string): Array<[EnvironmentFileRead, EnvironmentSection]> {
    const out: Array<[EnvironmentFileRead, EnvironmentSection]> = [];
    const files = [this.local, this.committed].filter((f): f is EnvironmentFileRead => f !== undefined);
    for (const f of files) {
      const s = f.parsed.environments.find(e => e.name === environment);
      if (s) out.push([f, s]);
    }
    for (const f of files) if (f.parsed.shared) out.push([f, f.parsed.shared]);
    return out;
  }
}

/**
 * The folders that may hold a project's `.ccmacro/environments*.json`: `dir` and every folder above it, nearest first,
 * up to the tree's root when there is a reach that does not allow reading outside (none when `dir` is outside it).
 */
function candidateRoots(dir: string, reach: SampleReach | undefined): string[] {
  const out: string[] = [];
  const top = reach && reach.outside !== 'allow' ? path.resolve(reach.tree.root) : undefined;
  let d = path.resolve(dir);
  if (top !== undefined && !isInsideTree(top, d)) return out;
  for (;;) {
    out.push(d);
    const up = path.dirname(d);
    if (up === d || d === top) break;
    d = up;
  }
  return out;
}

/**
 * Finds and reads the environment files of the project a macro is in: the nearest folder at or above the macro's
 * that has `.ccmacro/environments.json` or `.ccmacro/environments.local.json`. Keeps what it parsed while a file's
 * text stays the same (one instance lives on the ccmacro service).
 */
export class EnvironmentFiles {
  private readonly cache = new TextCache(parseEnvironmentFile);

  constructor(private readonly fs: FileSystemLike) {}

  /**
   * The environments for a macro in `dir`, or undefined when no environments file is found. With a `reach` (the
   * repository, the workspace folder) that does not allow reading outside, folders above its tree are not looked in,
   * and a file there that leads out of it by a symbolic link (the file, or `.ccmacro/` itself) is not read: it is
   * found, and its one problem says why (a pull request could otherwise make a run read a file of the machine).
   */
  async forFolder(dir: string, reach?: SampleReach): Promise<Environments | undefined> {
    for (const root of candidateRoots(dir, reach)) {
      const committed = await this.read(path.join(root, ENVIRONMENTS_FILE), reach);
      const local = await this.read(path.join(root, ENVIRONMENTS_LOCAL_FILE), reach);
      if (committed || local) return new Environments(root, committed, local);
    }
    return undefined;
  }

  /** One file parsed from a text (the editor's diagnostics of an environments file). */
  parse(filePath: string, text: string): ParsedEnvironmentFile {
    return this.cache.get(filePath, text);
  }

  private async read(p: string, reach: SampleReach | undefined): Promise<EnvironmentFileRead | undefined> {
    if (!(await this.fs.exists(p))) return undefined;
    const refusal = await outsideRefusal(p, reach);
    const read: FileRead = refusal ? { ok: false, error: refusal } : await this.fs.readFile(p);
    // A file that cannot be read (a folder, not UTF-8, …) is reported as a problem in it rather than skipped.
    if (!read.ok) {
      return {
        path: p,
        text: '',
        parsed: {
          environments: [],
          problems: [
            {
              // Outside the tree: the code every file refused for it has (macro files, catalogs).
              code: refusal ? 'file/outside' : 'environments/unreadable',
              severity: 'error',
              message: `This environments file cannot be read: ${read.error.message}`,
              range: { start: 0, end: 0 },
            },
          ],
        },
      };
    }
    return { path: p, text: read.value, parsed: this.cache.get(p, read.value) };
  }
}
