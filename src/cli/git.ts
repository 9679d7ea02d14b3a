import { execFile } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { FileSystemLike } from '../core/host';
import { UsageError } from './io';
import { decodeFileBytes, fileReadError, namedBytes, type FileRead } from '../core/common/decode';
import { fail } from '../core/common/result';

interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** The real `git`, read-only, in one repository (what `ccmacro diff` compares with). */
export class Git {
  private constructor(
    /** The repository's top folder (real path). */
    readonly root: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** The repository holding `cwd`; a usage error outside one, or when git is not installed. */
  static async open(cwd: string, env: NodeJS.ProcessEnv): Promise<Git> {
    const r = await runGit(['rev-parse', '--show-toplevel'], cwd, env);
    if (r.code !== 0)
      throw new UsageError(
        `${cwd} is not inside a git repository: ccmacro diff compares macros with a git revision (use ccmacro test to compare with snapshots)`,
      );
    return new Git(await fsp.realpath(r.stdout.toString('utf8').trim()), env);
  }

  /**
   * The top folder (real path) of the repository holding `cwd`, or undefined outside one or without git: where CI
   * reports name files from.
   */
  static async root(cwd: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
    const r = await runGit(['rev-parse', '--show-toplevel'], cwd, env).catch(() => undefined);
    if (!r || r.code !== 0) return undefined;
    return fsp.realpath(r.stdout.toString('utf8').trim()).catch(() => undefined);
  }

  /** Whether git tracks `file` (false outside a repository or without git). */
  static async tracks(file: string, env: NodeJS.ProcessEnv): Promise<boolean> {
    const r = await runGit(['ls-files', '--error-unmatch', '--', path.basename(file)], path.dirname(file), env).catch(
      () => undefined,
    );
    return r?.code === 0;
  }

  private run(args: string[]): Promise<GitResult> {
    return runGit(args, this.root, this.env);
  }

  /** The commit a revision names, or undefined when it names none. */
  async commit(rev: string): Promise<string | undefined> {
    if (rev.startsWith('-')) return undefined;
    const r = await this.run(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
    return r.code === 0 ? r.stdout.toString('utf8').trim() : undefined;
  }

  /** Whether this is a shallow clone (GitHub's actions/checkout makes one by default: only the checked-out commit). */
  async isShallow(): Promise<boolean> {
    const r = await this.run(['rev-parse', '--is-shallow-repository']);
    return r.code === 0 && r.stdout.toString('utf8').trim() === 'true';
  }

  /** The names of the configured remotes (`origin`, …). */
  async remotes(): Promise<string[]> {
    const r = await this.run(['remote']);
    return r.code === 0 ? r.stdout.toString('utf8').split('\n').filter(Boolean) : [];
  }

  /**
   * Repository-relative paths (forward slashes) that differ between `rev` and the working tree, untracked ones too.
   * A path that is not UTF-8 cannot be named as a string: it is in `notUtf8`, written for people (`caf\xE9.json`).
   */
  async changedPaths(rev: string, pathspecs: readonly string[]): Promise<{ paths: string[]; notUtf8: string[] }> {
    const specs = pathspecs.length ? pathspecs : ['.'];
    const tracked = await this.run(['diff', '--name-only', '--no-renames', '-z', rev, '--', ...specs]);
    if (tracked.code !== 0) throw new UsageError(`git diff failed: ${tracked.stderr.trim()}`);
    const untracked = await this.run(['ls-files', '--others', '--exclude-standard', '-z', '--', ...specs]);
    if (untracked.code !== 0) throw new UsageError(`git ls-files failed: ${untracked.stderr.trim()}`);
    const paths = new Set<string>();
    const notUtf8 = new Set<string>();
    for (const out of [tracked.stdout, untracked.stdout]) {
      for (let from = 0; from < out.length;) {
        let end = out.indexOf(0, from);
        if (end < 0) end = out.length;
        if (end > from) {
          const name = namedBytes(out.subarray(from, end));
          (name.utf8 ? paths : notUtf8).add(name.text);
        }
        from = end + 1;
      }
    }
    return { paths: [...paths].sort(), notUtf8: [...notUtf8].sort() };
  }

  /** A file at `rev` (repository-relative path), decoded as the working tree's files are; undefined when not there. */
  async show(rev: string, repoPath: string): Promise<FileRead | undefined> {
    const r = await this.run(['cat-file', 'blob', `${rev}:${repoPath}`]);
    return r.code === 0 ? decodeFileBytes(r.stdout) : undefined;
  }

  /** A repository-relative path for an absolute one, or undefined when it is outside the repository. */
  relative(abs: string): string | undefined {
    const rel = path.relative(this.root, abs);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    return rel.split(path.sep).join('/');
  }

  /** The files of `rev` as a FileSystemLike over absolute working-tree paths. */
  filesAt(rev: string): FileSystemLike {
    return {
      readFile: async p => {
        const rel = this.relative(p);
        if (rel === undefined) return fail(fileReadError('missing'));
        const r = await this.run(['cat-file', 'blob', `${rev}:${rel}`]);
        // Decoded as the working tree's files are: the same refusals for bytes that are not UTF-8 text.
        return r.code === 0 ? decodeFileBytes(r.stdout) : fail(fileReadError('missing'));
      },
      exists: async p => {
        const rel = this.relative(p);
        return rel !== undefined && (await this.run(['cat-file', '-e', `${rev}:${rel}`])).code === 0;
      },
    };
  }
}

function runGit(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      // Read-only: no optional index lock, so a diff never blocks (or is blocked by) the user's own git.
      { cwd, env: { ...env, GIT_OPTIONAL_LOCKS: '0' }, encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = (error as NodeJS.ErrnoException | null)?.code;
        if (code === 'ENOENT') {
          reject(new UsageError('git is not installed (or not on PATH): ccmacro diff needs it'));
          return;
        }
        resolve({
          code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
          stdout,
          stderr: stderr.toString('utf8'),
        });
      },
    );
  });
}
