// A report-only run (check, audit) analyses a language that loads a heavy tool (TypeScript: ts-morph, ~0.2 s from the
// compile cache) on a worker thread: once every group's files are chosen, that language's groups are posted to the
// thread, which loads the tool and analyses them on a second core while this thread analyses the other languages. The
// codemod is the same module on either thread, so the findings are too; each group's result is awaited at the group's
// turn, so the report's order is. apply keeps every language here: its re-parse and README steps need them anyway.
// Started once the files are read, not at the first file that needs it: the thread's ~65 MB then overlap the other
// languages' analysis only, not the reading as well (peak 140 MB on the benchmark's monorepo against 162 MB).
import type { MessagePort, Worker } from "node:worker_threads";
import { languageById, loadLanguage } from "../languages/registry.js";
import type { CodemodOptions, GroupResult, SourceFile } from "../model/types.js";
import { cpuBudget } from "./cpu-budget.js";
import { groupContext } from "./project.js";

/** Below this many candidate files of the other languages, this thread has too little to do meanwhile: the worker's
 *  start and its own copy of the modules cost what the overlap saves (even at ~450 files of the benchmark's Python, a
 *  100 ms gain at 800) and ~15 MB more. */
const MIN_OVERLAP_FILES = 500;

let workerScript: URL | null = null;

/** Called by the CLI entry, beside which the bundle puts the worker's script. Other callers (tests from source, code
 *  importing the driver) analyse every language on this thread. */
export function enableLanguageThread(script: URL): void {
  workerScript = script;
}

/** CRUNIFY_LANGUAGE_THREAD=0: never; =1: whenever the language has a group to analyse; else when the other languages
 *  have enough files to analyse meanwhile and the process a second core (cpu-budget.ts: a container's quota counts). */
export function wantsLanguageThread(mode: string, threadFiles: number, otherFiles: number, env = process.env): boolean {
  if (!workerScript || mode === "apply" || threadFiles === 0 || env.CRUNIFY_LANGUAGE_THREAD === "0") return false;
  if (env.CRUNIFY_LANGUAGE_THREAD === "1") return true;
  return otherFiles >= MIN_OVERLAP_FILES && cpuBudget() > 1;
}

interface ThreadJob {
  id: number;
  language: string;
  files: SourceFile[];
  options: CodemodOptions;
  root: string;
  /** The group context's answer, computed on the main thread: the worker cannot call back into its texts. */
  hasComposeFiles: boolean | undefined;
}
type ThreadReply = { id: number; result: GroupResult } | { id: number; error: { message: string; stack?: string } };

/** The worker, its jobs run one at a time in the order posted. */
export class LanguageThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve(result: GroupResult): void; reject(error: Error): void }>();
  private next = 0;
  /** Why the worker is gone: a job posted after that would wait for ever. */
  private failure: Error | null = null;

  /** node:worker_threads is loaded here, not at start-up: every run would pay its ~2 ms. */
  static async start(language: string, why = ""): Promise<LanguageThread> {
    const { Worker } = await import("node:worker_threads");
    // The main thread's stack, not a worker's default 4 MB: a group deep enough to overflow it fails the same way on
    // either thread (Node keeps 192 KB of a worker's stack from V8, whose own default limit is 984 KB).
    const stackSizeMb = (984 + 192) / 1024;
    return new LanguageThread(new Worker(workerScript!, { resourceLimits: { stackSizeMb } }), language, why);
  }

  private constructor(worker: Worker, language: string, why: string) {
    this.worker = worker;
    this.worker.on("message", (reply: ThreadReply) => {
      const job = this.pending.get(reply.id);
      if (!job) return;
      this.pending.delete(reply.id);
      if ("result" in reply) job.resolve(reply.result);
      else job.reject(Object.assign(new Error(reply.error.message), { stack: reply.error.stack }));
    });
    const failAll = (error: Error) => {
      this.failure ??= error;
      for (const job of this.pending.values()) job.reject(error);
      this.pending.clear();
    };
    this.worker.on("error", failAll);
    this.worker.on("exit", (code) => failAll(new Error(`the language thread stopped (exit code ${code})`)));
    if (process.env.CRUNIFY_DEBUG === "1") process.stderr.write(`crunify: ${language} is analysed on a worker thread${why}\n`);
  }

  /** Posted now, run in turn; the promise is marked handled so that a failure surfaces where it is awaited. */
  transform(job: Omit<ThreadJob, "id">): Promise<GroupResult> {
    const id = this.next++;
    const result = this.failure
      ? Promise.reject(this.failure)
      : new Promise<GroupResult>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    result.catch(() => {});
    if (!this.failure) this.worker.postMessage({ ...job, id } satisfies ThreadJob);
    return result;
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/** The worker's side (bin/language-worker.ts): each job transformed exactly as on the main thread, one at a time in
 *  the order posted, since a language's module state is not made for groups analysed at once. */
export function serveLanguageJobs(port: MessagePort): void {
  let queue = Promise.resolve();
  port.on("message", (job: ThreadJob) => {
    queue = queue.then(() => runJob(job)).then((reply) => port.postMessage(reply));
  });
}

async function runJob(job: ThreadJob): Promise<ThreadReply> {
  try {
    const plugin = await loadLanguage(languageById(job.language));
    const compose = job.hasComposeFiles;
    const context = groupContext(job.root, compose === undefined ? undefined : () => compose);
    return { id: job.id, result: await plugin.transform(job.files, job.options, context) };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return { id: job.id, error: { message: e.message, stack: e.stack } };
  }
}
