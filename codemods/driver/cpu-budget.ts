// How many cores this process may keep busy: the CPU affinity Node reports, lowered by the CPU quota of the cgroup
// a container runs in (a CI job limited to one CPU on a 64-core host sees 64 in the affinity alone).
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";

export function cpuBudget(read: (path: string) => string | null = readOrNull): number {
  const cores = availableParallelism();
  const quota = cgroupQuota(read);
  return quota === null ? cores : Math.max(1, Math.min(cores, Math.floor(quota)));
}

/** CPUs the quota allows (quota / period), or null when there is none. cgroup v2's `cpu.max` ("max 100000" or
 *  "50000 100000"), else v1's cpu.cfs_quota_us (-1: none) and cpu.cfs_period_us. */
function cgroupQuota(read: (path: string) => string | null): number | null {
  const v2 = read("/sys/fs/cgroup/cpu.max")?.trim().split(/\s+/);
  if (v2) return v2[0] === "max" ? null : ratio(v2[0], v2[1]);
  return ratio(read("/sys/fs/cgroup/cpu/cpu.cfs_quota_us"), read("/sys/fs/cgroup/cpu/cpu.cfs_period_us"));
}

function ratio(quota: string | null | undefined, period: string | null | undefined): number | null {
  const [q, p] = [Number(quota), Number(period)];
  return Number.isFinite(q) && Number.isFinite(p) && q > 0 && p > 0 ? q / p : null;
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}
