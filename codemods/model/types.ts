// The contract between the driver (files, disk, CLI) and the language codemods (syntax only).
// A codemod never touches the disk: it receives file texts and returns findings whose fixes are text edits.

/** One source file as a codemod sees it. `text` has no BOM; line endings are the file's own. */
export interface SourceFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the group root, with forward slashes (used for module resolution). */
  rel: string;
  text: string;
}

/** Replace text[start, end) by `text`. Offsets are JS string indices into SourceFile.text.
 *  Inserted text uses "\n"; the driver converts it to the file's line ending. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

export type RuleId =
  /** A container is created without the OCI runtime. */
  | "container-runtime"
  /** A class or function that creates containers has no runtime parameter. */
  | "owner-runtime-param"
  /** A call that constructs a runtime owner does not forward the runtime it received. */
  | "runtime-forwarding"
  /** load_environment / loadEnvironment does not expose the runtime. */
  | "load-environment-runtime"
  /** A container creation crunify cannot rewrite safely; it needs a human. */
  | "manual-runtime"
  /** The environment README lacks the Prerequisites content or the runtime argument row. */
  | "readme-runtime";

export interface Finding {
  /** Absolute path of the file the finding is in. */
  path: string;
  /** 1-based line and column of the position in the original text. */
  line: number;
  col: number;
  rule: RuleId;
  message: string;
  /** Edits (in `path`) that resolve the finding. Empty when it needs a human. */
  fix: Edit[];
  /** Set by the driver when an inline ignore comment suppresses the finding. */
  ignored?: boolean;
}

export type Support = "yes" | "no" | "none";

export interface ThirdPartyRule {
  /** Module prefix, e.g. "minisweagent" or "swebench.harness" (Python) / "@e2b/sdk" (JS). */
  module: string;
  /** Reason shown in audit, e.g. "uses minisweagent's DockerEnvironment". `{name}` is replaced by the imported name,
   *  `{module}` by the module it comes from. */
  reason: string;
}

export interface CodemodOptions {
  /** Default value of the runtime parameter, "crun" unless --runtime-default says otherwise. */
  runtimeDefault: string;
  /** Preferred parameter name, "runtime" unless --param-name says otherwise. */
  paramName: string;
  /** Libraries that create containers on the environment's behalf. */
  thirdParty: ThirdPartyRule[];
  /** The environment variable compose files read the runtime from (`runtime: ${OCI_RUNTIME:-crun}`) and that the
   *  code running `docker compose` sets; "OCI_RUNTIME" unless --runtime-variable says otherwise. */
  runtimeVariable?: string;
}

export interface GroupResult {
  findings: Finding[];
  /** Files that could not be handled (parse error, ...): nothing is written for them. */
  errors: { path: string; reason: string }[];
  /** The group's crun support, as audit reports it. */
  support: Support;
  reason: string;
  /** Free-form remarks for the report, e.g. "runtime already means something else in X: used oci_runtime". */
  notes: string[];
  /** Sample code (examples, docs) that creates containers without the runtime: never edited (plan/file-policy.ts),
   *  so listed as skipped, with its lines, for a human. */
  leftAlone?: { path: string; reason: string }[];
  /** The name load_environment / loadEnvironment takes the runtime under, when it differs from options.paramName. */
  entryParam?: string;
  /** Whether the group defines a real entry point, and whether it reaches the code that creates containers: only then
   *  is the group an environment whose README documents the runtime. Undefined: the language has no entry points. */
  entry?: "none" | "defined" | "reaches";
}

/** What a group's project says that the code does not: read by the driver, handed to the language. */
export interface GroupContext {
  /** The text of a project file at the group's root (`pyproject.toml`, `package.json`), when there is one. */
  projectFile(name: string): string | undefined;
  /** Whether the group holds a compose file crunify gives the runtime variable (plan/compose-files.ts); unknown
   *  (a caller without files) counts as yes. */
  hasComposeFiles?(): boolean;
  /** The text of a file at `rel` below the group's root (a package's own tsconfig.json in a monorepo), when there is one. */
  fileAt?(rel: string): string | undefined;
}

export const NO_CONTEXT: GroupContext = { projectFile: () => undefined };

/** A language plugin. Pure: texts in, findings out. */
export interface LanguageCodemod {
  name: string;
  extensions: readonly string[];
  /** Cheap string test: can this file matter at all (sites, owners, environment entry)? */
  mightMatter(text: string): boolean;
  /** Analyse one group (an environment, or loose files) of this language and plan every edit. */
  transform(files: SourceFile[], options: CodemodOptions, context?: GroupContext): Promise<GroupResult>;
  /** null when `text` parses cleanly, else a short reason with line:col. `before`: the file before the rewrite. */
  syntaxError(path: string, text: string, before?: string): Promise<string | null>;
  /** The container creations in code crunify reads but never edits (a notebook's cells), each file on its own:
   *  lines (1-based, in the text given) and labels of those that do not pass a runtime. */
  unwiredSites?(files: SourceFile[], options: CodemodOptions): Promise<Map<SourceFile, { line: number; label: string }[]>>;
  /** Frontend.buildOutput: the driver reports such a file as skipped and never hands it to `transform`. */
  buildOutput?(path: string, text: string, exists: (path: string) => boolean): string | null;
}
