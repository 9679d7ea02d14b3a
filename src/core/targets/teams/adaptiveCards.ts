/**
 * The part of Microsoft's `adaptivecards` library the Teams card check uses. The extension and the CLI bundle only
 * these (and what they need), not the whole library with its carousel; the extension loads them on first use
 * (dist/lazy/adaptivecards.js): import this module with `await import('./adaptiveCards')`, never statically.
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
