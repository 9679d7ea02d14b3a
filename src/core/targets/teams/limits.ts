import type { TargetFinding } from '../types';

/** What Teams takes (sources: docs/teams.md). */

/** One problem in a Teams payload, at a path into the parsed JSON (`[]` is the whole payload). */
export type TeamsFinding = TargetFinding;

export const TEAMS_LIMITS = {
  /** "The message size limit is 28 KB" (Microsoft: add-incoming-webhook); an error above this many bytes. */
  bytes: 28_000,
  /** Practitioners report failures from about 26 KB: a warning above this. */
  warnBytes: 24 * 1024,
  /** The Teams host config allows this many actions. */
  maxActions: 6,
  /** What a Teams Workflow's webhook trigger reads at most (the local receiver's 413). */
  bodyBytes: 1024 * 1024,
} as const;

/** The newest card version Teams renders ("Teams platform supports v1.5 or earlier"), and the one new macros use. */
export const TEAMS_CARD_VERSIONS = {
  max: '1.5',
  /** Cards posted by a Workflow have failed at 1.5 where 1.4 worked. */
  safe: '1.4',
} as const;

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
