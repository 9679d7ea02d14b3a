import { readFileSync } from 'node:fs';

/**
 * When npm started this process (`npx ccmacro receive`, an npm script), `kill` on the pid a shell knows (`$!`) reaches
 * npm, not ccmacro: npm goes, and ccmacro would be left running with no one to stop it. This watches the processes
 * that started it (its parent, npm's `sh -c`, and that one's parent, npm itself) and calls `onGone` once either is
 * gone. Started any other way (`node_modules/.bin/ccmacro receive &`), nothing is watched: the signal reaches ccmacro
 * itself. Returns the function that stops watching.
 */
export function watchLauncher(env: NodeJS.ProcessEnv, onGone: () => void, everyMs = 250): () => void {
  if (!env.npm_command && !env.npm_execpath) return () => {};
  const parent = process.ppid;
  const grandparent = parentOf(parent);
  const watched = [parent, ...(grandparent !== undefined && grandparent > 1 ? [grandparent] : [])];
  const timer = setInterval(() => {
    // Linux says who the parent is now (an orphan is adopted by init or a subreaper); elsewhere, is each one alive.
    const now = parentOf('self');
    if ((now !== undefined && now !== parent) || watched.some(pid => !alive(pid))) {
      clearInterval(timer);
      onGone();
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** The parent of a process as /proc says now; undefined without /proc (macOS, Windows). */
function parentOf(pid: number | 'self'): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (command name) state ppid …": the name may hold spaces and parentheses, so read after the last ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) ? ppid : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
