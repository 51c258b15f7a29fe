/**
 * Streaming to NATS JetStream: the server publishes every scored row and accepted outcome
 * (subjects per endpoint and version, de-duplicated by message id) off the request path,
 * and `deno task consume` writes them into the PostgreSQL log, once each.
 */
export {
  outcomeSubject,
  scoredSubject,
  STREAM_NAME,
  STREAM_SUBJECTS,
  subjectToken,
} from "./subjects.ts";
export {
  decodeEvent,
  decodeMessage,
  encodeOutcome,
  encodeScored,
  type OutcomeEvent,
  outcomeMsgId,
  PACK_MAX_BYTES,
  PACK_MAX_EVENTS,
  packedMsgId,
  type ScoredEvent,
  scoredMsgId,
  type StreamEvent,
} from "./events.ts";
export {
  createJetStreamConnection,
  ensureStream,
  type JetStreamConnection,
  type JetStreamConnectionOptions,
} from "./connection.ts";
export {
  createStreamPublisher,
  type StreamPublisher,
  type StreamPublisherOptions,
  type StreamStats,
} from "./publisher.ts";
export { streamingLogStore, streamingOutcomeStore } from "./tee.ts";
export { type StreamedStores, streamServerStores } from "./serving.ts";
export {
  openStreamLogWriter,
  type OutcomeWriteResult,
  POSTGRES_RECEIPTS_SCHEMA,
  RECEIPTS_TABLE,
  type StreamLogWriter,
} from "./postgres_writer.ts";
export {
  type ConsumeOptions,
  type ConsumeStats,
  consumeToPostgres,
  DEFAULT_DURABLE,
} from "./consumer.ts";
