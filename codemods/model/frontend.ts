// What a language frontend tells the planner about one group of files. The planner (codemods/plan/) knows nothing of
// syntax: it reads these facts, decides who holds the runtime and who must pass it on, and turns the frontend's edits
// into findings. Nodes are opaque to the planner (`unknown`); only their frontend looks inside.
import type { CodemodOptions, Edit, GroupContext, SourceFile } from "./types.js";

/** How code at some place reads the runtime: `self.runtime`, `runtime`, `opts.runtime ?? "crun"`. */
export interface RuntimeRef {
  expr: string;
  /** False when the expression needs parentheses as an operand (`a ?? b`). */
  atomic: boolean;
}

/** An edit plan and the words for what it adds (`runtime=self.runtime`), for the finding's message. */
export interface Fix {
  edits: Edit[];
  add: string;
}

/** A class or function that can hold the runtime: the place a parameter (field, option) lives. */
export interface OwnerFact {
  /** Unique within the group. */
  key: string;
  file: SourceFile;
  /** Offset of its name, where findings about it point. */
  at: number;
  name: string;
  kind: "class" | "function";
  /** load_environment / loadEnvironment: where the thread ends and the user chooses. */
  isEntry: boolean;
  /** How code outside the program calls it, when that code must not choose the runtime (a web route: an HTTP request
   *  would). It then gets no parameter, and what it calls keeps the default. */
  calledFromOutside?: string;
}

/** Code that is not inside any owner (module level), or inside one but unable to read its runtime. */
/** `module`: code no caller can hand a runtime (module level; `why` when it is something else that takes none, such as
 *  a web route's handler, for the finding's wording). */
export type Holder = OwnerFact | { module: true; why?: string } | { blocked: string };

/** A place that reads the runtime: a site, or a call that passes it on. */
export interface Reader {
  file: SourceFile;
  node: unknown;
}

export type SiteState =
  /** Already passes a runtime. `holder` is the name it reads (`self.runtime` → "runtime") when it reads one. */
  | { kind: "wired"; holder?: string }
  | { kind: "manual"; reason: string }
  | { kind: "fixable"; fix(rt: RuntimeRef): Fix };

/** A container creation. */
export interface SiteFact extends Reader {
  /** The frontend's site kind (one finder per kind), e.g. "docker-py-call". */
  kind: string;
  at: number;
  /** Lines (1-based) where an inline ignore comment applies: the site's, and its statement's. */
  ignoreLines: number[];
  /** What it is, for messages: "containers.create(...)", "docker run argv". */
  label: string;
  /** The class or function whose code it is, for the audit ("creates its own containers (DockerSandbox)"). */
  context: string | null;
  /** A library's door the container goes through (`minisweagent run_args`): the audit says so. */
  via?: string;
  /** It may read a runtime left unset (docker-py's `runtime=None` is the engine's default); an argv or an environment
   *  value may not. */
  acceptsUnset?: boolean;
  /** It hands the runtime to `docker compose` as the compose variable (OCI_RUNTIME): only compose files that read the
   *  variable pass it on (plan/compose-files.ts). */
  viaComposeVariable?: boolean;
  state: SiteState;
  holder: Holder;
  /** What a human should know about it once it passes the runtime (it reuses a container created before): a note. */
  note?: string;
}

/** What a call already passes for the callee's runtime. */
export interface Passed {
  expr: string;
  /** The caller's own runtime name when the value is its parameter or attribute (`runtime`, `self.runtime`). */
  callerName?: string;
}

export type Forwarding = { kind: "wired" } | { kind: "manual"; reason: string } | ({ kind: "fixable" } & Fix);

/** A call (or dispatch) that builds or runs an owner: `Sandbox(image)`, `super().__init__(...)`, `pool.map(fn, xs)`. */
export interface EdgeFact extends Reader {
  at: number;
  /** "Sandbox(...)", "new Sandbox(…)", "pool.map(start_one, ...)". */
  label: string;
  caller: Holder;
  passed(callee: OwnerPlan): Passed | null;
  /** The caller hands its own catch-all (`**kwargs`, its options object) to the callee whole, and to nobody else:
   *  a runtime given to the caller already reaches the callee. */
  carriesCatchAll(callee: OwnerPlan): boolean;
  /** An instance method of the owner builds a copy of it (`clone()`: `return Sandbox(image=self.image)`): the copy
   *  takes the instance's runtime. Any other build by the owner itself (the default config its holder makes,
   *  `config or Config()`) takes none. */
  copiesItself?: boolean;
  forward(callee: OwnerPlan, caller: OwnerPlan, rt: RuntimeRef): Forwarding;
  /** Module-level code that hands the command line's parsed options on whole (`main(**vars(args))`): the option its
   *  parser gains so that its users choose the runtime, or "wired" once it has it; undefined when it is not that. */
  commandLine?(callee: OwnerPlan, runtimeDefault: string): { state: "wired" } | { state: "fixable"; fix: Fix } | null;
}

/** How one owner holds the runtime under a chosen name. */
export interface OwnerPlan {
  name: string;
  /** It already takes the runtime under that name. */
  exists: boolean;
  /** It holds a runtime its callers cannot set (a field with an initializer, a value read from config): the thread
   *  stops here. */
  closed?: boolean;
  /** Why it cannot take the runtime (rest parameters, ...); its sites are then reported for a human. */
  reason?: string;
  /** It already takes the runtime, but leaves it unset unless a caller chooses (`runtime=None`): only sites that accept
   *  an unset runtime read it as it is. */
  mayBeUnset?: boolean;
  /** The edits that give it the runtime, knowing every place it is read. */
  /** `planned`: every owner this run gives the runtime (a class may inherit the __init__ its base is given). */
  edits(readers: Reader[], planned?: readonly { owner: OwnerFact; name: string }[]): Fix;
  /** How code at `reader` reads it, or why it cannot there. */
  accessAt(reader: Reader): RuntimeRef | { reason: string };
  /** Code that uses what it holds but that its runtime never reaches (a subclass whose constructor skips the
   *  owner's), taken or not yet: each becomes a manual-runtime finding, before and after the fix. */
  unreached?(readers: Reader[]): { file: SourceFile; at: number; subject: string; reason: string }[];
}

export type NameStatus = "free" | "ours" | "taken" | "unclear";

/** One analysis of a group: the facts, computed once, shared by every rule. */
export interface Program {
  errors: { path: string; reason: string }[];
  sites: SiteFact[];
  /** The environment's entry point, when the group defines a real one (not a stub that raises, not text in a string). */
  entry: OwnerFact | null;
  /** The entry point calls or builds code of this package (a loader that imports environments by id does not). */
  entryUsesPackage(): boolean;
  /** Is `name` free on the owner, already the OCI runtime, something else, or declared without telling evidence. */
  nameStatus(owner: OwnerFact, name: string): NameStatus;
  plan(owner: OwnerFact, name: string): OwnerPlan;
  /** Every call in the group that builds, runs or dispatches the owner. */
  constructions(owner: OwnerFact): EdgeFact[];
  /** Whether what `edge` builds runs code at one of `readers` (an owner's readers): a subclass that inherits a class
   *  owner's constructor but none of the methods that read its runtime does not. Absent, or unsure: it does. */
  reaches?(edge: EdgeFact, readers: Reader[]): boolean;
  /** `"crun"` as a literal in the file's style. */
  literal(file: SourceFile, value: string): string;
  /** The library the group leaves container creation to, as the audit's reason; null when none. */
  delegatedTo(): string | null;
  /** Names whose mention in an unread file means that file may construct one of these owners, and names of classes
   *  whose definition must be read (an owner's constructor may live in its base). */
  relatedNames(owners: OwnerFact[]): { mentioned: string[]; defined: string[] };
  /** Edits that only make sense once every owner is planned, in files no owner's own edits reach (a member added
   *  to an options type declared in another file). `plans` are the owners that take the runtime anew; each result
   *  becomes an owner-runtime-param finding about `subject`. */
  finish?(plans: { owner: OwnerFact; plan: OwnerPlan }[]): { file: SourceFile; at: number; subject: string; fix: Fix; problem?: string }[];
  /** Stand-ins for owners that take the runtime anew (with the name each takes it under) that cannot take it
   *  (`monkeypatch.setattr(mod, "start", lambda image: ...)` in a test, or swapped in by the package's own code):
   *  tests are never edited, so each becomes a note. */
  staleDoubles?(planned: { owner: OwnerFact; name: string }[]): { file: SourceFile; at: number; note: string }[];
  dispose(): void;
}

/** A language: a cheap prefilter, an analysis that grows with the files it is given, and a strict re-parse. */
export interface Frontend {
  id: string;
  /** Runtime names are written in this style: runtime, oci_runtime (snake) or runtime, ociRuntime (camel). */
  nameStyle: "snake" | "camel";
  /** Cheap string test: can this file hold a site, an owner's construction or the entry point? */
  mightMatter(text: string): boolean;
  /** Narrower than `mightMatter`: can this file hold a site or the entry point itself? Only these are read first; a
   *  file that merely might matter is read when it names an owner or a lookup reaches it. Absent: every such file. */
  startsReading?(text: string): boolean;
  /** A file the lookup of a class's bases may read though `mightMatter` says no: a package's `__init__.py`, through
   *  which a base defined elsewhere is imported (`from core.teams import GroupChat`), whose parameters may clash. */
  passesNamesOn?(file: SourceFile): boolean;
  /** A session analyses a growing set of files (parses are cached across calls); `readable` (a superset of `files`)
   *  are those a lookup may read on demand. */
  session(options: CodemodOptions, context: GroupContext): { analyze(files: SourceFile[], readable: SourceFile[], forBases?: SourceFile[]): Promise<Program>; dispose(): void };
  /** null when `text` is valid in the language (as strict as its compiler), else a reason with line:col. `before` is
   *  the text it was rewritten from: a compiler that rejected that too cannot judge the rewrite. */
  syntaxError(path: string, text: string, before?: string): Promise<string | null>;
  /** Why a file is build output (a bundle, a compiler's output) that is never read or edited, or null. Absent: the
   *  language has none. `exists` tells whether a file is there (a source beside it). */
  buildOutput?(path: string, text: string, exists: (path: string) => boolean): string | null;
}
