/** What the server loads when it streams (NATS_URL set): its log and outcomes with a JetStream copy. */
import type { OutcomeStore } from "../inference_log/outcome_types.ts";
import type { LogStore } from "../inference_log/types.ts";
import { createStreamPublisher, type StreamPublisher } from "./publisher.ts";
import { streamingLogStore, streamingOutcomeStore } from "./tee.ts";

/** The server's stores, each also publishing, and the publisher (closed after them). */
export interface StreamedStores {
  logStore: LogStore;
  outcomes: OutcomeStore;
  stream: StreamPublisher;
}

/** Wraps the server's log and outcome store so both also publish to JetStream at `natsUrl`. */
export function streamServerStores(
  log: LogStore,
  outcomes: OutcomeStore,
  natsUrl: string,
): StreamedStores {
  const stream = createStreamPublisher({ url: natsUrl });
  return {
    logStore: streamingLogStore(log, stream),
    outcomes: streamingOutcomeStore(outcomes, stream),
    stream,
  };
}
