import type { PreviewModel } from '../../../src/core/preview/messages';
import type { TargetViews } from '../../../src/core/targets/views';

/** The view model of a preview's target tab, when it is `target`'s. */
export function targetView<K extends keyof TargetViews>(m: PreviewModel, target: K): TargetViews[K] | undefined {
  const view = m.targetTab?.view;
  return view?.target === target ? (view.data as TargetViews[K]) : undefined;
}
