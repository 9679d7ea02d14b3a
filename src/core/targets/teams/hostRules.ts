import type { PathSegment } from '../../common/jsonPath';
import { isObject } from '../../common/objects';
import type { TeamsFinding } from './limits';

/**
 * What Teams does not support although the library accepts it (Microsoft: cards-reference, connectors-using):
 * cards posted through a workflow cannot send data back, and Media elements are not shown.
 */
export function hostRules(card: Record<string, unknown>, at: PathSegment[]): TeamsFinding[] {
  const out: TeamsFinding[] = [];
  const path: PathSegment[] = [...at]; // the path of the node being walked (one array, pushed and popped)
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        path.push(i);
        walk(node[i]);
        path.pop();
      }
      return;
    }
    if (!isObject(node)) return;
    const type = node.type;
    if (type === 'Action.Submit' || type === 'Action.Execute')
      out.push({
        code: 'render/teams-action-not-supported',
        severity: 'warning',
        message: `${type} does nothing in a card posted by a Teams Workflow (there is no bot to receive it); use Action.OpenUrl, Action.ShowCard or Action.ToggleVisibility`,
        path: [...path, 'type'],
      });
    if (type === 'Media')
      out.push({
        code: 'render/teams-media-not-supported',
        severity: 'warning',
        message: 'Teams does not show Media elements in cards; link to the media with Action.OpenUrl instead',
        path: [...path, 'type'],
      });
    for (const k in node) {
      const v = node[k];
      if (v === null || typeof v !== 'object') continue;
      path.push(k);
      walk(v);
      path.pop();
    }
  };
  walk(card);
  return out;
}
