import assert from "node:assert/strict";
import {
  addRemote,
  chooseRemote,
  readRemotesConfig,
  removeRemote,
} from "../../../lib/pipeline/remote/mod.ts";
import { withTempDir } from "../../temp_dir.ts";

Deno.test("remotes added to the project and local files merge, the local one winning", async () => {
  await withTempDir(async (root) => {
    await Deno.writeTextFile(`${root}/repro.config.yaml`, "# shared by the team\n");
    await addRemote(root, "team", "/srv/cache", { makeDefault: true });
    await addRemote(root, "dav", "https://dav.example/cache");
    await addRemote(root, "team", "/home/me/cache", { scope: "local" });
    const text = await Deno.readTextFile(`${root}/repro.config.yaml`);
    assert.match(text, /^# shared by the team\n/);
    assert.deepEqual(await readRemotesConfig(root), {
      remotes: [
        { name: "dav", url: "https://dav.example/cache", scope: "project" },
        { name: "team", url: "/home/me/cache", scope: "local" },
      ],
      defaultName: "team",
    });
    assert.equal(chooseRemote(await readRemotesConfig(root)).url, "/home/me/cache");
    assert.equal(chooseRemote(await readRemotesConfig(root), "dav").name, "dav");
  });
});

Deno.test("an unknown remote, a taken name and a bad URL are errors naming them", async () => {
  await withTempDir(async (root) => {
    await addRemote(root, "team", "/srv/cache");
    await addRemote(root, "dav", "http://dav.example/");
    const config = await readRemotesConfig(root);
    assert.throws(() => chooseRemote(config, "nope"), {
      name: "RemoteConfigError",
      message: 'Unknown remote "nope" (configured: dav, team)',
    });
    assert.throws(() => chooseRemote(config), {
      message: "No default remote (configured: dav, team): pass --remote NAME or run " +
        "`deno task remote add NAME URL --default`",
    });
    await assert.rejects(() => addRemote(root, "team", "/other"), {
      message: 'Cannot add remote "team": it exists in repro.config.yaml (url /srv/cache); ' +
        "pass --force to replace it",
    });
    await assert.rejects(() => addRemote(root, "x", "ftp://host/c"), {
      message: 'Cannot add remote "x": URL "ftp://host/c": unsupported scheme "ftp" ' +
        "(expected a folder path, file://, http:// or https://)",
    });
    assert.throws(() => chooseRemote({ remotes: [] }), {
      message: "No remote is configured: add one with `deno task remote add NAME URL`",
    });
  });
});

Deno.test("removing the default remote clears the default; a local one needs --local", async () => {
  await withTempDir(async (root) => {
    await addRemote(root, "team", "/srv/cache", { makeDefault: true });
    await addRemote(root, "mine", "/home/me/cache", { scope: "local" });
    await assert.rejects(() => removeRemote(root, "mine"), {
      message: 'Unknown remote "mine" in repro.config.yaml: it is in repro.config.local.yaml ' +
        "(pass --local)",
    });
    await removeRemote(root, "team");
    assert.deepEqual(await readRemotesConfig(root), {
      remotes: [{ name: "mine", url: "/home/me/cache", scope: "local" }],
    });
  });
});

Deno.test("a config file with an unknown field is refused naming the file and field", async () => {
  await withTempDir(async (root) => {
    await Deno.writeTextFile(`${root}/repro.config.yaml`, "remotes:\n  team: { uri: /srv }\n");
    await assert.rejects(() => readRemotesConfig(root), {
      name: "RemoteConfigError",
      message: 'Cannot read repro.config.yaml: field "remotes.team.url": Invalid input: ' +
        'expected string, received undefined; field "remotes.team": Unrecognized key: "uri"',
    });
  });
});
