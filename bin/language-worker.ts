// Thin entry of the language thread (codemods/driver/language-thread.ts), beside bin/crunify.ts in the bundle. A worker
// has its own module loader, so it installs the compile cache for the ts-morph it loads.
import { parentPort } from "node:worker_threads";
import { serveLanguageJobs } from "../codemods/driver/language-thread.js";
import { enableCompileCache } from "./cli/compile-cache.js";

enableCompileCache();
serveLanguageJobs(parentPort!);
