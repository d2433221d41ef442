// The git safety net, per environment: crunify rewrites a file only where git holds a clean copy of it, so the user
// can review the change (`git diff`) and undo it (`git checkout`). A file outside any work tree, ignored by git, or
// with uncommitted changes holds back its whole environment (threading across its files is all or nothing), and
// only that one: the other environments are written. `--force` writes everything.
import type { GitFacts } from "./git.js";

export interface PlannedWrite {
  path: string;
  /** The environment (group) root the file belongs to: files of one environment are written together or not at all. */
  env: string;
}

export interface GuardDecision {
  /** Files to write. */
  write: string[];
  /** Files held back, each with the reason. */
  held: { path: string; reason: string }[];
  /** Environments held back: their root and why (the files that block it). */
  heldEnvironments: { env: string; reason: string }[];
}

/** Why `path` on its own may not be rewritten without --force (a short kind and the full reason), or null. */
export function blockReason(path: string, facts: GitFacts): { kind: string; reason: string } | null {
  if (facts.outside.has(path)) {
    return facts.gitMissing
      ? { kind: "git not installed", reason: "git is not installed, so crunify cannot tell whether a copy exists to undo the change with; pass --force to write it anyway" }
      : { kind: "not in a git work tree", reason: "not in a git work tree: nothing could show or undo the change; pass --force to write it anyway" };
  }
  if (facts.ignored.has(path)) return { kind: "ignored by git", reason: "ignored by git: git holds no copy of it to undo the change with; pass --force to write it anyway" };
  if (facts.dirty.has(path)) {
    return facts.baseline === "index"
      ? { kind: "changed since git add", reason: "git holds no copy of it as it is (untracked, or changed since git add): git add it first, or pass --force" }
      : { kind: "uncommitted changes", reason: "has uncommitted changes: commit or stash them first, or pass --force" };
  }
  return null;
}

/** Pure: which planned files to write and which to hold back, given what git knows. `show` names a path in reasons. */
export function decideWrites(planned: PlannedWrite[], facts: GitFacts, force: boolean, show: (path: string) => string = (p) => p): GuardDecision {
  const decision: GuardDecision = { write: [], held: [], heldEnvironments: [] };
  if (force) return { ...decision, write: planned.map((p) => p.path) };
  const byEnv = new Map<string, PlannedWrite[]>();
  for (const entry of planned) byEnv.set(entry.env, [...(byEnv.get(entry.env) ?? []), entry]);
  for (const [env, files] of byEnv) {
    const blockers = files.flatMap((f) => {
      const block = blockReason(f.path, facts);
      return block ? [{ path: f.path, ...block }] : [];
    });
    if (blockers.length === 0) {
      decision.write.push(...files.map((f) => f.path));
      continue;
    }
    const named = blockers.map((b) => `${show(b.path)} (${b.kind})`).join(", ");
    const first = facts.baseline === "index" ? "git add first" : "commit first";
    decision.heldEnvironments.push({ env, reason: `nothing written: ${named}; ${first}, or pass --force` });
    for (const file of files) {
      const own = blockers.find((b) => b.path === file.path);
      decision.held.push({
        path: file.path,
        reason: own?.reason ?? `not written: its environment ${show(env)} is held back by ${named} (an environment is written whole or not at all)`,
      });
    }
  }
  return decision;
}
