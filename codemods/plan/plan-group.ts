// The one planner, for every language: sites → the owners that must hold the runtime → every call that builds those
// owners passes it on → up to the entry point. Pure: a frontend's facts in, findings with edits out.
import { lineCol } from "../driver/apply-edits.js";
import { isIgnored } from "../driver/ignore-comments.js";
import { DEFAULT_RUNTIME_VARIABLE } from "../driver/defaults.js";
import { byteOrder } from "../driver/paths.js";
import type { EdgeFact, Fix, Holder, OwnerFact, OwnerPlan, Program, Reader, SiteFact } from "../model/frontend.js";
import { message } from "../model/rules.js";
import { NO_CONTEXT, type CodemodOptions, type Finding, type GroupContext, type RuleId, type SourceFile } from "../model/types.js";
import { isTestFile, vendoredFolder } from "./file-policy.js";
import { chooseName, type NameStyle } from "./naming.js";
import { verdict, type Verdict } from "./verdict.js";

export interface GroupPlan extends Verdict {
  findings: Finding[];
  notes: string[];
  /** Every owner that holds or passes on the runtime. */
  owners: OwnerFact[];
  /** The name the entry point takes the runtime under, when it differs from options.paramName. */
  entryParam?: string;
  entry: "none" | "defined" | "reaches";
}

interface OwnerState {
  fact: OwnerFact;
  /** A name the code already uses for the runtime here (a wired site reads it, a call passes it on). */
  forcedName?: string;
  name?: string;
  plan?: OwnerPlan;
  readers: Reader[];
  /** Calls that hand the owner's catch-all to a callee: the runtime may ride along without a parameter. */
  carries: EdgeFact[];
  seedIfHeld: boolean;
  /** A function that only module-level code calls (`sys.exit(main())`): a script's entry point. */
  scriptEntry?: boolean;
  hasSites?: boolean;
  /** Sites of its own that already pass a runtime (`runtime=self.runtime`) or are left to a human: an existing
   *  runtime of the owner's is read there, or will be. */
  hasOtherSites?: boolean;
  /** Among them, sites left to a human. */
  hasManualSites?: boolean;
  /** Its calls that already pass its runtime on by name (`Manager(image, runtime=self.runtime)`): uses, so its own
   *  builders must hand it one (a half-wired package's last unwired builder). */
  wiredForwards?: EdgeFact[];
  /** Its sites that already pass the runtime: read where the runtime is used, though nothing is planned for them. */
  wiredSites?: Reader[];
}

const isOwner = (holder: Holder): holder is OwnerFact => "key" in holder;

export function planGroup(program: Program, style: NameStyle, options: CodemodOptions, context: GroupContext = NO_CONTEXT): GroupPlan {
  const findings: Finding[] = [];
  const notes: string[] = [];
  const states = new Map<string, OwnerState>();
  const worklist: OwnerState[] = [];

  const emit = (file: SourceFile, at: number, rule: RuleId, subject: string, action: string, fix: Finding["fix"] = [], problem?: string) => {
    const { line, col } = lineCol(file.text, at);
    const text = message(rule, { subject, action, ...(problem ? { problem } : {}) });
    // One call that may build either of two owners is reported once, not once per owner.
    if (fix.length === 0 && findings.some((f) => f.path === file.path && f.line === line && f.col === col && f.rule === rule && f.message === text)) return;
    findings.push({ path: file.path, line, col, rule, message: text, fix });
  };
  const stateOf = (owner: OwnerFact): OwnerState => {
    let state = states.get(owner.key);
    if (!state) states.set(owner.key, (state = { fact: owner, readers: [], carries: [], seedIfHeld: false }));
    return state;
  };
  const involved = new Set<OwnerState>();
  const involve = (state: OwnerState) => {
    if (involved.has(state)) return;
    involved.add(state);
    worklist.push(state);
  };
  const planOf = (state: OwnerState): OwnerPlan => {
    if (!state.plan) {
      state.name = state.forcedName ?? chooseName(options.paramName, style, (name) => {
        const status = program.nameStatus(state.fact, name);
        return status === "unclear" ? "taken" : status;
      });
      state.plan = program.plan(state.fact, state.name);
    }
    return state.plan;
  };
  const force = (state: OwnerState, name: string): boolean => {
    if (state.plan && state.name !== name) return false;
    const plan = program.plan(state.fact, name);
    if (!plan.exists && !plan.closed) return false;
    state.forcedName = state.name = name;
    state.plan = plan;
    return true;
  };

  // 1. Sites. An ignored one is reported (as ignored) and gives its owner nothing to hold; tests are not ours to edit.
  // The compose variable reaches no container where no compose file reads it: a human must give the services theirs.
  const variable = options.runtimeVariable ?? DEFAULT_RUNTIME_VARIABLE;
  // Code that writes a compose file at run time is reported with `runtime: ${OCI_RUNTIME:-crun}` to add: the variable
  // has a reader once a human does.
  const writesCompose = program.sites.some((site) => site.kind === "compose-written-at-run-time");
  const noReader = `the compose files it runs are not in this tree (crunify found none to give \`runtime: \${${variable}:-${options.runtimeDefault}}\`, nor code it knows to write one), so \`${variable}\` in its environment changes nothing: give their services \`runtime:\` by hand (where code here writes the file, in what it writes, e.g. a dict before \`yaml.dump\`; for files its users supply, through an override file passed with \`-f\`)`;
  const composeBlind = (site: SiteFact): SiteFact => {
    if (!site.viaComposeVariable || writesCompose || context.hasComposeFiles?.() !== false) return site;
    // A manual one's advice (pass the variable by hand) is no more use than the fix would be.
    if (site.state.kind === "manual") return { ...site, state: { kind: "manual", reason: `${site.state.reason}; but ${noReader}` } };
    return { ...site, state: { kind: "manual", reason: noReader } };
  };
  const sites = program.sites.filter((site) => !isTestFile(site.file)).map(composeBlind);
  const pending: SiteFact[] = [];
  for (const site of sites) {
    const ignoredRule: RuleId = site.state.kind === "manual" ? "manual-runtime" : "container-runtime";
    if (site.state.kind !== "wired" && site.ignoreLines.some((line) => isIgnored(site.file.text, line, ignoredRule))) {
      emit(site.file, site.at, ignoredRule, site.label, "ignored inline");
      findings.at(-1)!.ignored = true;
      continue;
    }
    if (site.note && site.state.kind !== "manual") notes.push(`${site.file.rel}:${lineCol(site.file.text, site.at).line}: ${site.note}`);
    const vendored = vendoredFolder(site.file.rel);
    if (vendored) {
      if (site.state.kind !== "wired") emit(site.file, site.at, "manual-runtime", site.label, `it is in a vendored copy of another project (\`${vendored}\`), which crunify does not edit: patch it upstream and re-vendor, or wire it by hand`);
      continue;
    }
    const holder = site.holder;
    if (site.state.kind === "wired") {
      if (!isOwner(holder)) continue;
      const state = stateOf(holder);
      state.hasOtherSites = true;
      (state.wiredSites ??= []).push(site);
      if (site.state.holder ? force(state, site.state.holder) : false) involve(state);
      else state.seedIfHeld = true;
      continue;
    }
    if (site.state.kind === "manual") {
      emit(site.file, site.at, "manual-runtime", site.label, site.state.reason);
      // The human who wires it will read the runtime the owner already takes.
      if (isOwner(holder)) stateOf(holder).hasOtherSites = stateOf(holder).hasManualSites = true;
      continue;
    }
    if ("module" in holder) {
      // Module-level code has no caller to choose: a compose command there leaves the variable to the user's
      // environment and the compose file's own default (`${OCI_RUNTIME:-crun}`); setting it would override theirs.
      if (site.viaComposeVariable && site.state.kind === "fixable") continue;
      const literal = program.literal(site.file, options.runtimeDefault);
      const fix = site.state.fix({ expr: literal, atomic: true });
      emit(site.file, site.at, "container-runtime", `${site.label} ${holder.why ?? "at module level"}`, `add ${fix.add}`, fix.edits);
      continue;
    }
    if ("blocked" in holder) {
      emit(site.file, site.at, "manual-runtime", site.label, holder.blocked);
      continue;
    }
    const state = stateOf(holder);
    state.readers.push(site);
    state.hasSites = true;
    pending.push(site);
    involve(state);
  }
  // A wired site whose owner already takes a runtime threads outward from there too.
  for (const state of states.values()) if (state.seedIfHeld && !involved.has(state) && planOf(state).exists) involve(state);

  // 2. Thread outward: every call that builds an owner passes on the runtime its caller holds.
  let reachedEntry = false;
  const forwards: { edge: EdgeFact; callee: OwnerState }[] = [];
  /** Owners some call already hands a runtime (a second run finds the first's wiring). */
  const handedOne = new Set<OwnerState>();
  const commandLines: { edge: EdgeFact; callee: OwnerState; fix: Fix }[] = [];
  /** Notes about an owner's callers, which mean nothing once the owner takes no runtime. */
  const uncalled: { state: OwnerState; note: string }[] = [];
  /** Builders that cannot be handed a runtime (a singleton's cache): reported once the owner is sure to need one. */
  const blockedBuilders: { edge: EdgeFact; callee: OwnerState; reason: string }[] = [];
  for (let i = 0; i < worklist.length; i++) {
    const state = worklist[i]!;
    const plan = planOf(state);
    if (state.fact.isEntry) {
      reachedEntry = true;
      continue;
    }
    if (plan.closed || plan.reason) continue;
    // Called by a framework on behalf of someone who must not choose the runtime (a web request): like a script's
    // entry point, it takes none and what it calls keeps the default.
    if (state.fact.kind === "function" && !state.hasSites && state.fact.calledFromOutside) {
      state.scriptEntry = true;
      const { line } = lineCol(state.fact.file.text, state.fact.at);
      notes.push(`${state.fact.file.rel}:${line}: ${state.fact.name}() ${state.fact.calledFromOutside}; what it calls keeps the default runtime`);
      continue;
    }
    const edges = program.constructions(state.fact).filter((edge) => !isTestFile(edge.file) && !vendoredFolder(edge.file.rel));
    if (edges.length === 0) {
      const verb = state.fact.kind === "class" ? "built" : "called";
      // It may still be handed on by name (a registry, an injector, a command table): that code builds it, unread.
      notes.push(`${state.fact.name} (${state.fact.file.rel}) is not ${verb} by any call crunify can follow: whatever ${verb === "built" ? "builds" : "calls"} it (code outside the package, a framework it is handed to, or a loader that imports it by name) chooses its runtime (default ${options.runtimeDefault})`);
      uncalled.push({ state, note: notes.at(-1)! });
    }
    // Only module-level code calls it and it creates no container itself: a script's `main()`. Nobody can hand it a
    // runtime, so it gets no parameter and what it calls keeps the default.
    // A command line that hands its options on whole (`main(**vars(args))`) can take the runtime as an option.
    const fromCommandLine = (e: EdgeFact) => "module" in e.caller && !!e.commandLine?.(plan, options.runtimeDefault);
    if (state.fact.kind === "function" && !state.hasSites && edges.length > 0 && edges.every((e) => "module" in e.caller && !e.passed(plan) && !fromCommandLine(e))) {
      state.scriptEntry = true;
      const { line } = lineCol(state.fact.file.text, state.fact.at);
      notes.push(`${state.fact.file.rel}:${line}: ${state.fact.name}() runs only from module level (a script's entry point); what it calls keeps the default runtime`);
      continue;
    }
    for (const edge of edges) {
      const caller = edge.caller;
      const passed = edge.passed(plan);
      if (passed) {
        handedOne.add(state);
        // Already passed on. From the caller's own runtime: keep threading from the caller. Anything else is the
        // caller's explicit choice (a literal, a config value), and the thread ends there.
        if (passed.callerName && isOwner(caller) && force(stateOf(caller), passed.callerName)) {
          (stateOf(caller).wiredForwards ??= []).push(edge);
          involve(stateOf(caller));
        } else if (isOwner(caller) && caller.isEntry) reachedEntry = true;
        continue;
      }
      if ("module" in caller) {
        const option = edge.commandLine?.(plan, options.runtimeDefault);
        if (option?.state === "wired") continue;
        // Added once the callee is sure to take the runtime (phase 4): argparse would hand it on regardless.
        if (option) {
          commandLines.push({ edge, callee: state, fix: option.fix });
          continue;
        }
        const { line } = lineCol(edge.file.text, edge.at);
        const verb = state.fact.kind === "class" ? "built" : "called";
        notes.push(`${edge.file.rel}:${line}: ${state.fact.name} is ${verb} at module level, where it keeps the default runtime`);
        uncalled.push({ state, note: notes.at(-1)! });
        continue;
      }
      if ("blocked" in caller) {
        blockedBuilders.push({ edge, callee: state, reason: caller.blocked });
        continue;
      }
      if (caller.key === state.fact.key && !edge.copiesItself) continue; // a default built by the owner itself (`config or Config()`)
      const callerState = stateOf(caller);
      involve(callerState);
      if (!caller.isEntry && edge.carriesCatchAll(plan)) callerState.carries.push(edge);
      else callerState.readers.push(edge);
      forwards.push({ edge, callee: state });
    }
  }

  // A class whose constructor its subclasses inherit: one that builds a subclass running none of the code that reads the
  // runtime (agent-zero's MCPTool beside CodeExecution, both Tools with Tool's __init__) hands it nothing, and so
  // needs none itself; so does a call whose literal arguments choose a branch without them (camel's Workforce building
  // `CodeExecutionToolkit()`, whose sandbox defaults to "subprocess"). Asked once every reader is known: a superset of
  // those that end up reading it, so no builder of an instance that does read it is dropped.
  const idle = new Set(
    forwards
      // Sites wired before read it as this run's do (a second run must find what the first left); a site left to a
      // human may read it anywhere.
      .filter(({ edge, callee }) => !callee.hasManualSites && program.reaches && !program.reaches(edge, [...callee.readers, ...callee.carries, ...(callee.wiredForwards ?? []), ...(callee.wiredSites ?? [])]))
      .map(({ edge }) => edge),
  );
  if (idle.size > 0) {
    for (const state of involved) {
      state.readers = state.readers.filter((reader) => !idle.has(reader as EdgeFact));
      state.carries = state.carries.filter((edge) => !idle.has(edge));
    }
    for (const callee of new Set(forwards.filter(({ edge }) => idle.has(edge)).map(({ callee }) => callee))) {
      if (handedOne.has(callee) || forwards.some((f) => f.callee === callee && !idle.has(f.edge))) continue;
      const [verb, verbs] = callee.fact.kind === "class" ? ["built", "builds"] : ["called", "calls"];
      notes.push(`${callee.fact.name} (${callee.fact.file.rel}) is ${verb} by calls crunify can follow only in ways that never reach its containers (as a subclass that skips the code that reads its runtime, or with literal arguments that choose a branch without them): whatever ${verbs} it otherwise (code outside the package, a framework, or a loader that imports it by name) chooses its runtime (default ${options.runtimeDefault})`);
      uncalled.push({ state: callee, note: notes.at(-1)! });
    }
    forwards.splice(0, forwards.length, ...forwards.filter(({ edge }) => !idle.has(edge)));
  }

  // A caller that only hands its catch-all on needs no parameter: the runtime rides along. One that reads the runtime
  // anywhere else (a site, another call) takes it as a parameter, and then passes it on by name.
  // The runtime rides under the callee's name: callers of a carrying owner pass that name into its catch-all (its own
  // name for the runtime, chosen before, may differ: a `runtime` property of its own is no obstacle then).
  const carriedName = (state: OwnerState): string | undefined => {
    if (state.carries.length === 0 || state.readers.length > 0 || planOf(state).exists) return undefined;
    const names = new Set(state.carries.map((edge) => planOf(forwards.find((f) => f.edge === edge)!.callee).name));
    return names.size === 1 ? [...names][0] : undefined;
  };
  const carriedStates = new Set<OwnerState>();
  for (const state of involved) {
    const name = carriedName(state);
    if (name === undefined) {
      state.readers.push(...state.carries);
      continue;
    }
    carriedStates.add(state);
    if (state.name !== name) {
      state.name = state.forcedName = name;
      state.plan = program.plan(state.fact, name);
    }
  }
  const carried = (state: OwnerState) => carriedStates.has(state);

  // An owner whose every use of the runtime is left to a human would take a parameter that nothing reads, and a
  // caller's explicit runtime would be dropped without a word. Only owners that use it get one; their callers follow.
  const siteAccess = (site: SiteFact) => {
    const state = stateOf(site.holder as OwnerFact);
    const plan = planOf(state);
    return plan.reason ? { reason: plan.reason } : plan.mayBeUnset && !site.acceptsUnset ? { reason: unsetReason(state.fact, plan) } : plan.accessAt(site);
  };
  const forwardAccess = (edge: EdgeFact) => {
    const callerState = stateOf(edge.caller as OwnerFact);
    const callerPlan = planOf(callerState);
    return callerPlan.reason ? { reason: callerPlan.reason } : callerPlan.mayBeUnset ? { reason: unsetReason(callerState.fact, callerPlan) } : callerPlan.accessAt(edge);
  };
  const live = new Set<OwnerState>();
  const passesOn = (state: OwnerState, edge: EdgeFact, callee: OwnerState) => {
    if (stateOf(edge.caller as OwnerFact) !== state || !live.has(callee) || planOf(callee).reason) return false;
    if (carried(state)) return true;
    const access = forwardAccess(edge);
    return !("reason" in access) && edge.forward(planOf(callee), planOf(state), access).kind !== "manual";
  };
  // Computed once: whether a site reads the runtime does not depend on which owners are live.
  const readsAtSite = new Set(pending.filter((site) => site.state.kind === "fixable" && !("reason" in siteAccess(site))).map((site) => stateOf(site.holder as OwnerFact)));
  const uses = (state: OwnerState) => {
    const plan = planOf(state);
    if (plan.closed) return true;
    // A runtime the owner already takes counts when something reads it: its own sites (wired or left to a human too),
    // or a call that passes it on. One that only sits in an options type it never reads (a type shared with the owners
    // that do) asks nothing of its callers.
    if (plan.exists ? state.hasSites || state.hasOtherSites || !!state.wiredForwards : plan.reason || state.scriptEntry) return !!plan.exists;
    return readsAtSite.has(state) || forwards.some(({ edge, callee }) => passesOn(state, edge, callee));
  };
  for (let grew = true; grew; ) {
    grew = false;
    for (const state of involved) {
      if (live.has(state) || !uses(state)) continue;
      live.add(state);
      grew = true;
    }
  }

  for (const { state, note } of uncalled) if (!live.has(state)) notes.splice(notes.indexOf(note), 1);
  // An owner that takes no runtime, before the fix or after it, and has no container of its own a human will wire,
  // asks nothing of its builders (agent-zero's MCPConfig singleton, once MCPTool needs no runtime).
  for (const { edge, callee, reason } of blockedBuilders) {
    if (live.has(callee) || callee.hasSites || callee.hasOtherSites || planOf(callee).exists) emit(edge.file, edge.at, "manual-runtime", edge.label, reason);
  }

  // 3. Sites read the runtime their owner holds.
  for (const site of pending) {
    const access = siteAccess(site);
    if ("reason" in access) {
      emit(site.file, site.at, "manual-runtime", site.label, access.reason);
      continue;
    }
    if (site.state.kind !== "fixable") continue;
    const fix = site.state.fix(access);
    emit(site.file, site.at, "container-runtime", site.label, `add ${fix.add}`, fix.edits);
  }

  // 4. Calls pass it on.
  for (const { edge, callee } of forwards) {
    const callerState = stateOf(edge.caller as OwnerFact);
    // A callee that takes no runtime (every use of it left to a human) is not handed one.
    if (carried(callerState) || callerState.scriptEntry || !live.has(callee)) continue;
    const calleePlan = planOf(callee);
    const callerPlan = planOf(callerState);
    if (calleePlan.reason || callerPlan.closed) continue;
    // A caller's unset runtime would override the callee's default with nothing.
    const access = forwardAccess(edge);
    if ("reason" in access) {
      emit(edge.file, edge.at, "manual-runtime", edge.label, access.reason);
      continue;
    }
    const forwarding = edge.forward(calleePlan, callerPlan, access);
    if (forwarding.kind === "fixable") emit(edge.file, edge.at, "runtime-forwarding", edge.label, `add ${forwarding.add}`, forwarding.edits);
    else if (forwarding.kind === "manual") emit(edge.file, edge.at, "manual-runtime", edge.label, forwarding.reason);
  }

  // A command line's new option reaches the callee whole (`**vars(args)`): only one that takes the runtime, as it is
  // given, may be handed it. One that decides itself what an unset runtime means keeps that choice.
  for (const { edge, callee, fix } of commandLines) {
    const plan = planOf(callee);
    if (!live.has(callee) || plan.reason || plan.closed || plan.mayBeUnset || callee.scriptEntry) {
      const { line } = lineCol(edge.file.text, edge.at);
      notes.push(`${edge.file.rel}:${line}: ${callee.fact.name} is called at module level, where it keeps the default runtime`);
      continue;
    }
    emit(edge.file, edge.at, "runtime-forwarding", `${edge.label} from the command line`, `add ${fix.add}`, fix.edits);
  }

  // 5. Owners take the parameter.
  const planned: { owner: OwnerFact; plan: OwnerPlan }[] = [];
  const takers = [...involved].filter((state) => {
    const plan = planOf(state);
    return !(plan.exists || plan.closed || plan.reason || carried(state) || state.scriptEntry || !live.has(state));
  });
  const taking = takers.map((state) => ({ owner: state.fact, name: planOf(state).name }));
  for (const state of takers) {
    const plan = planOf(state);
    planned.push({ owner: state.fact, plan });
    const fix = plan.edits(state.readers, taking);
    if (fix.edits.length === 0) continue;
    const { fact } = state;
    const rule: RuleId = fact.isEntry ? "load-environment-runtime" : "owner-runtime-param";
    emit(fact.file, fact.at, rule, subjectOf(fact), `add ${fix.add}`, fix.edits);
  }
  // What an owner's runtime never reaches, whether it takes the runtime already or from this run's edits.
  for (const state of involved) {
    const plan = planOf(state);
    if (plan.reason || !live.has(state)) continue;
    for (const left of plan.unreached?.([...state.readers, ...(state.wiredSites ?? [])]) ?? []) emit(left.file, left.at, "manual-runtime", left.subject, left.reason);
  }
  // Edits the owners share, in files of their own (an options type declared once, read by several owners).
  for (const shared of program.finish?.(planned) ?? []) {
    emit(shared.file, shared.at, "owner-runtime-param", shared.subject, `add ${shared.fix.add}`, shared.fix.edits, shared.problem);
  }
  for (const double of program.staleDoubles?.(planned.map(({ owner, plan }) => ({ owner, name: plan.name }))) ?? []) {
    notes.push(`${double.file.rel}:${lineCol(double.file.text, double.at).line}: ${double.note}`);
  }

  // 6. The entry point must reach every owner.
  // Owners that cannot take the runtime are reported at their sites already; nothing can thread them.
  const entry = program.entry;
  // A loader that builds nothing of this package (imports environments by id) is not expected to reach them.
  const threadable = [...involved].filter((s) => !planOf(s).reason && live.has(s));
  if (entry && threadable.length > 0 && !reachedEntry && !isTestFile(entry.file) && program.entryUsesPackage()) {
    const owners = threadable.map((s) => s.fact.name).join(", ");
    if (!program.plan(entry, options.paramName).exists) {
      emit(entry.file, entry.at, "load-environment-runtime", subjectOf(entry), `nothing it calls reaches ${owners}; expose '${options.paramName}' and pass it on by hand`);
    }
  }

  let entryParam: string | undefined;
  for (const state of involved) {
    // An owner that takes no runtime (every use left to a human) has no name to explain.
    if (!live.has(state)) continue;
    const name = state.name!;
    if (state.fact.isEntry && name !== options.paramName) entryParam = name;
    if (name === options.paramName || state.forcedName === name) continue;
    notes.push(`${state.fact.file.rel}: '${options.paramName}' already means something else in ${state.fact.name}; used '${name}'`);
  }
  const owners = [...involved].map((s) => s.fact);
  const result = verdict(sites.map((s) => s.context), sites.map((s) => s.file.rel), () => program.delegatedTo(), sites.map((s) => s.via), sites.map((s) => s.label));
  findings.sort((a, b) => byteOrder(a.path, b.path) || a.line - b.line || a.col - b.col);
  const entryState = entry ? (reachedEntry ? "reaches" : "defined") : "none";
  return { findings, notes, owners, entry: entryState, ...result, ...(entryParam ? { entryParam } : {}) };
}

function subjectOf(owner: OwnerFact): string {
  return owner.kind === "class" ? `class ${owner.name}` : `${owner.name}()`;
}

/** Why a site or call cannot read an existing runtime that defaults to unset. */
function unsetReason(owner: OwnerFact, plan: OwnerPlan): string {
  return `${owner.name}'s \`${plan.name}\` is unset unless a caller chooses one (the engine's default runtime): pass it here only when it is set, by hand`;
}
