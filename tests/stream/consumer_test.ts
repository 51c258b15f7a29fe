import assert from "node:assert/strict";
import { consumeToPostgres } from "../../lib/stream/consumer.ts";

Deno.test("a drain (--until-idle) with NATS down gives up after 8 failures in a row, naming why", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close(); // nothing listens there now: connections are refused
  const problems: string[] = [];
  await assert.rejects(
    consumeToPostgres({
      natsUrl: `nats://127.0.0.1:${port}`,
      databaseUrl: "postgres://nobody@127.0.0.1:1/none",
      untilIdle: true,
      retryMs: 1,
      onProblem: (line) => void problems.push(line),
    }),
    /^Error: Cannot consume: fetch failed 8 times in a row: /,
  );
  assert.equal(problems.length, 7);
  assert.match(problems[0], /^consume: fetch failed, retrying: /);
});
