import assert from "node:assert/strict";
import { createStreamPublisher } from "../../lib/stream/publisher.ts";
import { streamingLogStore } from "../../lib/stream/tee.ts";
import { harness, memoryLog } from "../serve/harness.ts";

/** A loopback port with nothing listening (connections are refused at once). */
function refusedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

Deno.test("NATS down: scoring still answers 200 and the buffer's drops are counted in /metrics", async () => {
  // No timed flush inside the test: the buffer's bound alone decides what is kept.
  const stream = createStreamPublisher({
    url: `nats://127.0.0.1:${refusedPort()}`,
    maxPending: 5,
    flushMs: 60_000,
    maxBackoffMs: 60_000,
  });
  const log = memoryLog();
  await using h = await harness({ logStore: streamingLogStore(log, stream) });
  for (let i = 0; i < 10; i++) {
    const res = await h.post("/predict", h.fixture.testRows[i]);
    assert.equal(res.status, 200);
    await res.body?.cancel();
  }
  assert.equal(log.records.length, 10);
  const metrics = await (await h.app.request("/metrics")).text();
  assert.match(metrics, /^riskpipe_stream_dropped_total 5$/m);
  assert.match(metrics, /^riskpipe_stream_pending 5$/m);
  assert.match(metrics, /^riskpipe_stream_published_total 0$/m);
  await stream.close(); // one more attempt, refused: the rest are dropped too
  assert.deepEqual(stream.stats(), { written: 0, dropped: 10, failures: 1, pending: 0 });
});

Deno.test("without a stream /metrics has no stream series", async () => {
  await using h = await harness();
  const metrics = await (await h.app.request("/metrics")).text();
  assert.doesNotMatch(metrics, /riskpipe_stream_/);
});
