// `crunify new` without prompts: run the plop generator's actions through node-plop with checked options.
import { packagePath } from "../codemods/driver/package-root.js";
import nodePlop from "node-plop";
import type { EnvOptions } from "./options.js";
import { GENERATOR } from "./plopfile.js";
import { STAGING_DIR } from "./stage.js";

/** The compiled plopfile (the CLI bundle runs from dist/bin/, not beside it). */
export const PLOPFILE_PATH = packagePath("dist", "generators", "plopfile.js");

export interface GenerateResult {
  /** What each action did, as plop reports it. */
  changes: { type: string; path: string }[];
}

export class GenerateError extends Error {}

export async function generateEnvironment(
  options: EnvOptions,
  { destBase, force = false }: { destBase: string; force?: boolean },
): Promise<GenerateResult> {
  const plop = await nodePlop(PLOPFILE_PATH, { destBasePath: destBase, force });
  const { changes, failures } = await plop.getGenerator(GENERATOR).runActions({ ...options });
  const failed = failures.filter((f) => !f.error.startsWith("Aborted due to previous action failure"));
  if (failed.length > 0) {
    // Files are rendered in a staging folder; name them where they were meant to go.
    const staging = new RegExp(`${STAGING_DIR.replace(".", "\\.")}/new-${options.name}-[0-9a-f]{8}`, "g");
    const message = failed.map((f) => (f.path ? `${f.path}: ${f.error}` : f.error)).join("\n");
    throw new GenerateError(message.replace(staging, options.name));
  }
  return { changes };
}
