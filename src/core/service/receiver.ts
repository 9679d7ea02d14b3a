import {
  formatReceivedRequest,
  receiverTargetPaths,
  receiverTargetsHelp,
  startReceiver,
  type ReceivedRequest,
  type Receiver,
  type ReceiverOptions,
} from '../receiver/receiver';
import { receiverTargetUrl } from '../receiver/target';
import { createMasker } from '../secrets/mask';

/** The local test receiver: a server on this machine that answers as each target's service would. */
export interface Receiving {
  /** Start a receiver on 127.0.0.1 (port 0: a free one). Rejects when the port cannot be had (e.g. EADDRINUSE). */
  startReceiver(options?: ReceiverOptions): Promise<Receiver>;
  /** A received request as log text, these secret values and literal credentials masked. */
  formatReceivedRequest(request: ReceivedRequest, secretValues?: readonly string[]): Promise<string>;
  /** Where "Send to Local Test Receiver" aims a macro: /slack/NAME, /teams/NAME, else the macro's own path. */
  receiverTargetUrl(receiverUrl: string, originalUrl: string, macroName: string, target: string): Promise<string>;
  /** Where the receiver answers like a service: "Slack checks under http://127.0.0.1:8787/slack/…, …". */
  receiverTargetPaths(url: string): Promise<string>;
  /** One paragraph per target the receiver answers for, for `ccmacro receive --help`. */
  receiverTargetsHelp(): Promise<string[]>;
}

export function receiving(): Receiving {
  return {
    startReceiver: options => startReceiver(options),
    formatReceivedRequest: async (request, secretValues) =>
      formatReceivedRequest(request, createMasker({ secretValues: [...(secretValues ?? [])] })),
    receiverTargetUrl: async (receiverUrl, originalUrl, macroName, target) =>
      receiverTargetUrl(receiverUrl, originalUrl, macroName, target),
    receiverTargetPaths: async url => receiverTargetPaths(url),
    receiverTargetsHelp: async () => receiverTargetsHelp(),
  };
}
