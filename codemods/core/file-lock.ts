// One writer per file: two crunify processes over the same tree must not interleave their writes. The lock is a
// sibling file created with O_EXCL; a lock left by a dead process (pid gone) is taken over.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export async function withFileLock<T>(path: string, work: () => T, timeoutMs = 5000): Promise<T> {
  const lock = `${path}.crunify.lock`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(lock, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(readFileSafe(lock));
      if (holder && !alive(holder)) {
        unlinkSafe(lock);
        continue;
      }
      if (Date.now() > deadline) throw new Error(`another crunify process (pid ${holder || "?"}) is writing it`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  try {
    return work();
  } finally {
    unlinkSafe(lock);
  }
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

function unlinkSafe(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
