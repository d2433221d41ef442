// Generation is staged: files are written into a temp folder beside the target, then moved into place only
// when everything rendered. A failure before the move leaves the target untouched; conflicts are found
// before any file moves, so without --force nothing existing is overwritten.
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";

export const STAGING_DIR = ".crunify-tmp";

export interface StagePlan {
  /** Final environment folder. */
  target: string;
  /** Temp folder on the same file system (so rename works), ignored by .gitignore. */
  stage: string;
  /** Folders between the destination and the target that did not exist yet (deepest first): removed on failure. */
  newFolders: string[];
}

export function planStage(destBase: string, dir: string, name: string): StagePlan {
  const parent = resolve(destBase, dir);
  const target = resolve(parent, name);
  if (!target.startsWith(resolve(destBase) + sep)) throw new Error(`${target}: outside the destination ${destBase}`);
  const newFolders: string[] = [];
  for (let folder = parent; folder.startsWith(resolve(destBase) + sep) && !existsSync(folder); folder = dirname(folder)) {
    newFolders.push(folder);
  }
  return { target, stage: join(parent, STAGING_DIR, `new-${name}-${randomUUID().slice(0, 8)}`), newFolders };
}

export async function writeStaged(stage: string, rel: string, text: string): Promise<string> {
  const file = resolve(stage, rel);
  if (!file.startsWith(stage + sep)) throw new Error(`${rel}: escapes the staging folder`);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text, { flag: "wx" });
  return file;
}

async function listFiles(root: string, at = root): Promise<string[]> {
  const entries = await readdir(at, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? listFiles(root, join(at, e.name)) : [relative(root, join(at, e.name))])),
  );
  return nested.flat().sort();
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

export class ConflictError extends Error {
  constructor(readonly files: string[]) {
    super(`would overwrite ${files.length} existing file(s): ${files.join(", ")} (use --force to overwrite)`);
  }
}

/** Move the staged files into the target; returns the target-relative paths moved. */
export async function commitStage({ stage, target }: StagePlan, force: boolean): Promise<string[]> {
  const files = await listFiles(stage);
  if (!(await exists(target))) {
    await mkdir(dirname(target), { recursive: true });
    await rename(stage, target); // one atomic step
  } else {
    const conflicts = (await Promise.all(files.map(async (f) => ((await exists(join(target, f))) ? f : null)))).filter(
      (f): f is string => f !== null,
    );
    if (conflicts.length > 0 && !force) throw new ConflictError(conflicts.map((f) => join(target, f)));
    for (const file of files) {
      await mkdir(dirname(join(target, file)), { recursive: true });
      await rename(join(stage, file), join(target, file)); // each file atomically replaced
    }
  }
  await discardStage({ stage, target, newFolders: [] });
  return files;
}

/** Remove the staging folder, the shared .crunify-tmp folder when it is left empty, and (after a failure)
 *  the folders this generation created. rmdir only removes empty folders, so nothing else is lost. */
export async function discardStage({ stage, newFolders }: StagePlan): Promise<void> {
  await rm(stage, { recursive: true, force: true });
  await rmdir(dirname(stage)).catch(() => undefined);
  for (const folder of newFolders) {
    if (!(await rmdir(folder).then(() => true, () => false))) break;
  }
}
