/**
 * Worker owning the NATS connection of a publisher, so the packing and pub-acks of a batch
 * never run on the server's event loop. A batch goes out as packed messages (runs of up to
 * 100 events or 256 KiB on one subject, publish_messages.ts), one pub-ack each, pipelined.
 * Messages: { id, op: "open" | "publish" | "close", … }; replies { id, ok: true } or
 * { id, ok: false, message } (a publish fails when any message's pub-ack failed: the batch
 * is sent again whole and JetStream drops the packs it already has by id).
 */
/// <reference lib="deno.worker" />
import { createJetStreamConnection, type JetStreamConnection } from "./connection.ts";
import {
  type PackedMessages,
  packRuns,
  type PublishReply,
  type PublishRequest,
} from "./publish_messages.ts";

let connection: JetStreamConnection | undefined;
let ackTimeoutMs = 5_000;

async function publish(messages: PackedMessages): Promise<void> {
  if (connection === undefined) throw new Error("Cannot publish: the connection is not open");
  const { js } = await connection.open();
  const acks = await Promise.allSettled(
    packRuns(messages).map((m) =>
      js.publish(m.subject, m.data, { msgID: m.msgId, timeout: ackTimeoutMs })
    ),
  );
  const failed = acks.find((a) => a.status === "rejected");
  if (failed !== undefined) {
    connection.recheckStream(); // a server started afresh has no stream
    throw failed.reason;
  }
}

async function handle(request: PublishRequest): Promise<void> {
  switch (request.op) {
    case "open":
      connection = createJetStreamConnection(request.options);
      ackTimeoutMs = request.ackTimeoutMs;
      return;
    case "publish":
      return await publish(request.messages);
    case "close":
      await connection?.close();
      connection = undefined;
      return;
  }
}

self.onmessage = async (event: MessageEvent<PublishRequest>) => {
  const request = event.data;
  let reply: PublishReply;
  try {
    await handle(request);
    reply = { id: request.id, ok: true };
  } catch (error) {
    reply = {
      id: request.id,
      ok: false,
      message: error instanceof Error ? error.message : String(error),
    };
  }
  self.postMessage(reply);
};
