// When check and audit analyse TypeScript on a worker thread (the reports' sameness is the corpus test's), and how many
// cores a container's CPU quota leaves.
import { describe, expect, it } from "vitest";
import { cpuBudget } from "../codemods/driver/cpu-budget.js";
import { enableLanguageThread, wantsLanguageThread } from "../codemods/driver/language-thread.js";
import { availableParallelism } from "node:os";

describe("the language thread", () => {
  it("is used by report-only runs with enough other work, forced or refused by CRUNIFY_LANGUAGE_THREAD", () => {
    expect(wantsLanguageThread("check", 40, 5000, {}), "no worker script: a caller other than the CLI").toBe(false);
    enableLanguageThread(new URL("file:///nonexistent/language-worker.js"));
    const enough = availableParallelism() > 1;
    expect(wantsLanguageThread("check", 40, 2000, {})).toBe(enough);
    expect(wantsLanguageThread("audit", 40, 2000, {})).toBe(enough);
    expect(wantsLanguageThread("apply", 40, 2000, {}), "apply keeps one thread").toBe(false);
    expect(wantsLanguageThread("check", 0, 2000, {}), "nothing for the thread").toBe(false);
    expect(wantsLanguageThread("check", 40, 499, {}), "too little to overlap").toBe(false);
    expect(wantsLanguageThread("check", 40, 2000, { CRUNIFY_LANGUAGE_THREAD: "0" })).toBe(false);
    expect(wantsLanguageThread("check", 1, 0, { CRUNIFY_LANGUAGE_THREAD: "1" })).toBe(true);
    expect(wantsLanguageThread("apply", 1, 0, { CRUNIFY_LANGUAGE_THREAD: "1" })).toBe(false);
  });

  it("counts a container's CPU quota, v2 and v1", () => {
    const files = (entries: Record<string, string>) => (path: string) => entries[path] ?? null;
    const cores = availableParallelism();
    expect(cpuBudget(files({}))).toBe(cores);
    expect(cpuBudget(files({ "/sys/fs/cgroup/cpu.max": "max 100000\n" }))).toBe(cores);
    expect(cpuBudget(files({ "/sys/fs/cgroup/cpu.max": "100000 100000\n" }))).toBe(1);
    expect(cpuBudget(files({ "/sys/fs/cgroup/cpu.max": "50000 100000\n" })), "half a CPU is still one").toBe(1);
    expect(cpuBudget(files({ "/sys/fs/cgroup/cpu.max": `${cores * 400000} 100000\n` })), "never above the affinity").toBe(cores);
    expect(cpuBudget(files({ "/sys/fs/cgroup/cpu/cpu.cfs_quota_us": "-1\n", "/sys/fs/cgroup/cpu/cpu.cfs_period_us": "100000\n" }))).toBe(cores);
    expect(cpuBudget(files({ "/sys/fs/cgroup/cpu/cpu.cfs_quota_us": "100000\n", "/sys/fs/cgroup/cpu/cpu.cfs_period_us": "100000\n" }))).toBe(1);
  });
});
