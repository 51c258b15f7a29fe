/** The two ways a remote fails: a config to fix by hand, or a transfer that went wrong. */

/**
 * The remote config (repro.config.yaml or its local override) or a remote's name or URL is
 * wrong; the CLI exits 2 with the message, as for a usage mistake.
 */
export class RemoteConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RemoteConfigError";
  }
}

/**
 * A remote could not be reached, refused a request, or sent bytes that do not match their
 * hash; the message names the remote, its URL and the object. The CLI exits 1.
 */
export class RemoteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RemoteError";
  }
}
