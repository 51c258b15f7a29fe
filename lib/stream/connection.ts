/**
 * One connection to NATS with JetStream, opened on first use and reopened after it closes;
 * the client reconnects by itself while a server is away. The RISKPIPE stream is created
 * when missing (file storage, every `riskpipe.>` subject, a de-duplication window for
 * message ids).
 */
import { connect, type NatsConnection } from "@nats-io/transport-node";
import {
  jetstream,
  type JetStreamClient,
  type JetStreamManager,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
} from "@nats-io/jetstream";
import { STREAM_NAME, STREAM_SUBJECTS } from "./subjects.ts";

/** Options of {@link createJetStreamConnection}. */
export interface JetStreamConnectionOptions {
  /** NATS server URL(s), comma-separated (nats://127.0.0.1:4222). */
  url: string;
  /** Milliseconds to wait for a connection before a publish attempt fails (default 2,000). */
  connectTimeoutMs?: number;
  /** Name of the client in the server's monitoring. */
  name?: string;
}

/** The connection's JetStream handles, opened lazily. */
export interface JetStreamConnection {
  /** The client and manager, connecting (and creating the stream) when needed; throws when down. */
  open(): Promise<{ nc: NatsConnection; js: JetStreamClient; jsm: JetStreamManager }>;
  /** Forgets that the stream exists, so the next open checks again (after a failed publish). */
  recheckStream(): void;
  close(): Promise<void>;
}

/** Window within which JetStream drops a message whose id it has seen (2 minutes). */
const DUPLICATE_WINDOW_NANOS = 120 * 1e9;

/** Creates the lazy connection. */
export function createJetStreamConnection(
  options: JetStreamConnectionOptions,
): JetStreamConnection {
  let opening:
    | Promise<{ nc: NatsConnection; js: JetStreamClient; jsm: JetStreamManager }>
    | undefined;
  let streamChecked = false;
  let closed = false;

  const openOnce = async () => {
    const nc = await connect({
      servers: options.url.split(",").map((s) => s.trim()),
      name: options.name ?? "riskpipe",
      timeout: options.connectTimeoutMs ?? 2_000,
      reconnect: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
    });
    // A connection the client gave up on is opened again by the next attempt.
    void nc.closed().then(() => {
      opening = undefined;
    });
    return { nc, js: jetstream(nc), jsm: await jetstreamManager(nc) };
  };

  return {
    async open() {
      if (closed) throw new Error("Cannot publish to JetStream: the connection is closed");
      opening ??= openOnce().catch((error) => {
        opening = undefined;
        throw error;
      });
      const handles = await opening;
      if (!streamChecked) {
        await ensureStream(handles.jsm);
        streamChecked = true;
      }
      return handles;
    },
    recheckStream() {
      streamChecked = false;
    },
    async close() {
      closed = true;
      const current = opening;
      opening = undefined;
      if (current === undefined) return;
      const handles = await current.catch(() => undefined);
      await handles?.nc.drain().catch(() => handles.nc.close());
    },
  };
}

/** Creates the RISKPIPE stream unless it exists (another replica may create it first). */
export async function ensureStream(jsm: JetStreamManager): Promise<void> {
  try {
    await jsm.streams.info(STREAM_NAME);
    return;
  } catch (error) {
    if (!isStreamNotFound(error)) throw error;
  }
  try {
    await jsm.streams.add({
      name: STREAM_NAME,
      subjects: STREAM_SUBJECTS,
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      duplicate_window: DUPLICATE_WINDOW_NANOS,
    });
  } catch (error) {
    // Lost a race with another replica: the stream is there now.
    await jsm.streams.info(STREAM_NAME).catch(() => {
      throw error;
    });
  }
}

function isStreamNotFound(error: unknown): boolean {
  return error instanceof Error && /stream not found/i.test(error.message);
}
