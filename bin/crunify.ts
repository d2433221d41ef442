#!/usr/bin/env -S node --max-semi-space-size=1 --heap-growing-percent=50
// Thin entry: the front (bin/cli/main.ts) loads only the module of the command that runs.
import { enableLanguageThread } from "../codemods/driver/language-thread.js";
import { enableCompileCache } from "./cli/compile-cache.js";
import { main } from "./cli/main.js";

enableCompileCache();
enableLanguageThread(new URL("./language-worker.js", import.meta.url));

// `crunify check | head` closes the pipe early: stop quietly, as other CLIs do.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
