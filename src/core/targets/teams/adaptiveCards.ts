/**
 * The part of Microsoft's `adaptivecards` library the Teams card check uses: only these (and what they need), not the
 * whole library with its carousel. Loaded by the first Teams card checked (render/teamsCard.ts): import this module
 * with `await import('./adaptiveCards')`.
 */
export {
  AdaptiveCard,
  CardObjectRegistry,
  GlobalRegistry,
  HostConfig,
  SerializableObject,
  SerializationContext,
  Table,
  ValidationEvent,
  Version,
  Versions,
} from 'adaptivecards';
export type { Action, CardElement } from 'adaptivecards';
