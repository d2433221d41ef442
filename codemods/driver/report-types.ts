// What a run reports: one status per file, one row per environment, the findings, and the planned changes.
import type { CodemodOptions, Finding, Support } from "../model/types.js";
import type { GitBaseline } from "./git.js";

export type Mode = "apply" | "check" | "audit";

export interface RunOptions extends CodemodOptions {
  paths: string[];
  mode: Mode;
  dryRun?: boolean;
  force?: boolean;
  /** What the git guard compares against: the last commit (default), or the index (`check --fix`). */
  gitBaseline?: GitBaseline;
  /** Patch environment READMEs too (default true). */
  readme?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export type FileStatus = "changed" | "unchanged" | "skipped" | "error";

export interface FileReport {
  path: string;
  status: FileStatus;
  reason?: string;
}

export interface EnvironmentReport {
  /** The folder's name. */
  name: string;
  /** The id users type (pyproject / package.json name, else the folder's). */
  id: string;
  path: string;
  support: Support;
  reason: string;
  /** The language id, or "mixed" when an environment has code in several. */
  language: string;
  notes: string[];
  /** The name load_environment takes the runtime under (options.paramName unless it clashed). */
  paramName?: string;
  /** Its entry point reaches the code that creates containers: only then does its README document the runtime. */
  reachesContainers: boolean;
  /** Set when the git guard kept its files from being written: why. */
  heldBack?: string;
}

export interface FileChange {
  path: string;
  before: string;
  after: string;
}

export interface RunReport {
  files: FileReport[];
  environments: EnvironmentReport[];
  findings: Finding[];
  notes: string[];
  changes: FileChange[];
  /** Container-creation sites wired (or, for check, left to wire). */
  sites: number;
  errors: number;
}

export type SetStatus = (path: string, status: FileStatus, reason?: string) => void;
