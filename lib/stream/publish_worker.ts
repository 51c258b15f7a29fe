/**
 * Worker owning the NATS connection of a publisher, so the pub-acks of a batch never run on
 * the server's event loop. Messages: { id, op: "open" | "publish" | "close", … }; replies
 * { id, ok: true } or { id, ok: false, message } (a publish fails when any message's
 * pub-ack failed: the batch is sent again whole and JetStream drops the copies by id).
 */
/// <reference lib="deno.worker" />
import { createJetStreamConnection, type JetStreamConnection } from "./connection.ts";
import type { PackedMessages, PublishReply, PublishRequest } from "./publish_messages.ts";

let connection: JetStreamConnection | undefined;
let ackTimeoutMs = 5_000;

async function publish(messages: PackedMessages): Promise<void> {
  if (connection === undefined) throw new Error("Cannot publish: the connection is not open");
  const { js } = await connection.open();
  const { subjects, msgIds, data, ends } = messages;
  const acks = await Promise.allSettled(
    subjects.map((subject, i) =>
      js.publish(subject, data.subarray(i === 0 ? 0 : ends[i - 1], ends[i]), {
        msgID: msgIds[i],
        timeout: ackTimeoutMs,
      })
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
