/** The error every experiment command throws for a mistake the user can fix (exit code 2). */

/** A bad experiment request: a taken or unknown name, a bad grid, a running one to remove. */
export class ExperimentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExperimentError";
  }
}
