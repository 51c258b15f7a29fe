import assert from "node:assert/strict";
import { validateTables } from "../../lib/contracts/mod.ts";
import { contract, openFixture } from "./parquet_fixture.ts";

const clients = contract({
  formatVersion: 1,
  table: "clients",
  key: ["client"],
  columns: [{ name: "client", type: "int", nullable: false }],
});

function credits(severity: "error" | "warning") {
  return contract({
    formatVersion: 1,
    table: "credits",
    key: ["credit"],
    columns: [
      { name: "credit", type: "int", nullable: false },
      { name: "client", type: "int", nullable: true },
    ],
    foreignKeys: [{ columns: ["client"], table: "clients", references: ["client"], severity }],
  });
}

async function validateCredits(severity: "error" | "warning", withClients = true) {
  const fixture = await openFixture();
  try {
    const clientsPath = await fixture.parquet(
      "clients",
      "SELECT * FROM (VALUES (1::BIGINT), (2)) t(client)",
    );
    const creditsPath = await fixture.parquet(
      "credits",
      "SELECT * FROM (VALUES (10::BIGINT, 1::BIGINT), (11, 9), (12, NULL), (13, 2), (14, 9)) " +
        "t(credit, client)",
    );
    const inputs = [{ contract: credits(severity), path: creditsPath }];
    if (withClients) inputs.unshift({ contract: clients, path: clientsPath });
    return await validateTables(fixture.conn, inputs, { name: "test" });
  } finally {
    await fixture.close();
  }
}

Deno.test("a dangling foreign key fails with every orphan row counted", async () => {
  const report = await validateCredits("error");
  assert.deepEqual(report.errors, [{
    table: "credits",
    column: "client",
    check: "foreign_key",
    severity: "error",
    message: "Must exist in clients.client",
    failures: 2,
    sample: [
      {
        table: "credits",
        column: "client",
        check: "foreign_key",
        rowKey: { credit: 11 },
        value: 9,
      },
      {
        table: "credits",
        column: "client",
        check: "foreign_key",
        rowKey: { credit: 14 },
        value: 9,
      },
    ],
  }]);
});

Deno.test("a soft foreign key with orphans warns and passes", async () => {
  const report = await validateCredits("warning");
  assert.equal(report.ok, true);
  assert.deepEqual(report.warnings.map((r) => [r.check, r.failures]), [["foreign_key", 2]]);
  assert.deepEqual(report.counts, {
    checks: 12,
    errorChecks: 0,
    errorCases: 0,
    warningChecks: 1,
    warningCases: 2,
  });
});

Deno.test("a reference to a table outside the run is a warning that it was skipped", async () => {
  const report = await validateCredits("error", false);
  assert.equal(report.ok, true);
  assert.deepEqual(report.warnings.map((r) => [r.column, r.check, r.message]), [
    [
      "client",
      "foreign_key_skipped",
      'Cannot check the reference to clients: Table "clients" was not validated',
    ],
  ]);
});
