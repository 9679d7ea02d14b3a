import { CancellationError, type CancellationToken } from '../host';

/** Stop here when the caller no longer wants the result (see CancellationToken in host.ts). */
export function throwIfCancelled(token: CancellationToken | undefined): void {
  if (token?.isCancellationRequested) throw new CancellationError();
}

/**
 * An AbortSignal that fires with the token, for work that takes one (a send): `dispose` when the work is done, so
 * the listener does not outlive it.
 */
export function abortSignalOf(token: CancellationToken | undefined): { signal?: AbortSignal; dispose(): void } {
  if (!token) return { dispose() {} };
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  const sub = token.onCancellationRequested(() => controller.abort());
  return { signal: controller.signal, dispose: () => void sub.dispose() };
}
