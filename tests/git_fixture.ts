/** Runs git in a test's scratch repository, with a fixed identity and no signing. */
export async function git(root: string, ...args: string[]): Promise<void> {
  const output = await new Deno.Command("git", {
    args: [
      "-C",
      root,
      "-c",
      "user.name=test",
      "-c",
      "user.email=test@example.com",
      "-c",
      "commit.gpgsign=false",
      ...args,
    ],
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!output.success) throw new Error(new TextDecoder().decode(output.stderr));
}
