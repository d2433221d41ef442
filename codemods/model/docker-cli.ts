// What the docker (and podman) command line looks like, in one place for every language: which executables, which
// subcommands create containers, which flags only `docker run` takes, and how the runtime flag is spelled.

/** Subcommands that create a container (`docker run`, `docker container create`). */
export const CREATE_SUBCOMMANDS: ReadonlySet<string> = new Set(["run", "create"]);
/** The compose subcommands that create containers (`up`, `run`, `create`): the ones that must pass the runtime. */
export const COMPOSE_CREATING: ReadonlySet<string> = new Set(["up", "run", "create"]);

/** `docker run` / `podman container create` as a command inside a shell string, at its start or after a separator
 *  (`cd /w && docker run`, `set -e; sudo docker run`). Groups: 2 the engine, 3 the subcommand. */
/** A command right after a shell prompt at its line's start (`$ docker run -p 80:80 img` in a page's snippet, `# docker
 *  run …` commented out in a script): text for a reader, not a command. `commandStart`: where the command (or its
 *  `sudo`) starts in `text`. */
export function afterPrompt(text: string, commandStart: number): boolean {
  // The line starts after a line break, or after a `\n` escape in the source of a one-line string.
  const line = text.slice(0, commandStart).split(/\n|\\n/).at(-1)!;
  return /^[ \t]*[$%#>][ \t]+$/.test(line);
}

export const SHELL_CREATE_COMMAND = /(^|[\s;&|(])(?:sudo\s+)?(docker|podman|nerdctl)\s+(?:container\s+)?(run|create)(?=\s|$)/;

/** `docker compose … up|run|create` (docker-compose, podman-compose too) in a shell string: the verb on the same line,
 *  a few arguments on (`-f a.yml -p x up`), so prose that mentions "docker compose" and later "create" is not one.
 *  Groups: 1 what precedes the command, 2 the command, 3 the verb. */
export const SHELL_COMPOSE_COMMAND = /(^|[\s;&|(])((?:sudo\s+)?(?:docker\s+compose|docker-compose|podman-compose)(?:[ \t]+[^\s;&|]+){0,8}?[ \t]+(up|run|create)\b)/;

/** Compose's global options that take a value (`-f a.yml`, `-p name`): the word after them is not the subcommand. */
export const COMPOSE_VALUE_OPTIONS = new Set(["-f", "--file", "-p", "--project-name", "--project-directory", "--env-file", "--profile", "--ansi", "--parallel", "--progress", "-c", "--context", "-H", "--host"]);

/** The arguments of a compose command line after its executable, or null when it is not one: `docker-compose` /
 *  `podman-compose` (a path to one too), or `docker compose`, where an executable the code computes (null or undefined)
 *  counts when `compose` follows it (`[binary, "compose", "-f", f]`: testcontainers lets its users pick the binary). */
export function composeArguments<T extends string | null | undefined>(exe: string | null | undefined, rest: readonly T[]): T[] | null {
  if (exe === null || exe === undefined) return rest[0] === "compose" ? rest.slice(1) : null;
  const base = exe.split(/[\\/]/).at(-1)!.replace(/\.exe$/i, "");
  if (base === "docker-compose" || base === "podman-compose") return [...rest];
  return base === "docker" && rest[0] === "compose" ? rest.slice(1) : null;
}

/** The subcommand of a compose argv's arguments (after `compose` / `docker-compose`): the first literal word that is
 *  not a global option or its value (a value the code computes is taken for an option). `["-f", "a.yml", "up"]` →
 *  "up"; `["exec", "web", "make", "up"]` → "exec". */
export function composeSubcommand(args: (string | null | undefined)[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === null || arg === undefined) continue;
    if (COMPOSE_VALUE_OPTIONS.has(arg)) i++;
    else if (!arg.startsWith("-")) return arg;
  }
  return undefined;
}

/** Docker's own global options, before the subcommand (`docker --context remote run …`): those that take a value, and
 *  flags. Only these are stepped over; any other word before `run` means the argv is something else's. */
const DOCKER_GLOBAL_VALUE_OPTIONS = new Set(["-c", "--context", "-H", "--host", "--config", "-l", "--log-level", "--tlscacert", "--tlscert", "--tlskey"]);
const DOCKER_GLOBAL_FLAGS = new Set(["-D", "--debug", "--tls", "--tlsverify"]);

/** Where docker's subcommand sits in an argv's words from `start` (just after the executable): past its global
 *  options (`--context x`, `--host=tcp://…`, `-D`). `start` itself when there are none; -1 when a word there is not
 *  a literal (`[docker, flag, "run"]`) or not one of docker's. */
export function dockerSubcommandIndex(words: (string | null | undefined)[], start: number): number {
  let i = start;
  for (; i < words.length; i++) {
    const word = words[i];
    if (word === null || word === undefined) return i === start ? i : -1;
    if (!word.startsWith("-")) return i;
    const name = word.split("=")[0]!;
    if (DOCKER_GLOBAL_VALUE_OPTIONS.has(name)) {
      if (!word.includes("=")) i++;
    } else if (!DOCKER_GLOBAL_FLAGS.has(name)) return -1;
  }
  return -1;
}

/** `docker service create` in a shell string: a Swarm service, whose containers no caller can give a runtime. */
export const SHELL_SERVICE_COMMAND = /(^|[\s;&|(])(?:sudo\s+)?docker\s+service\s+create(?=\s|$)/;

/** Why a Swarm service (`docker service create`, docker-py `services.create`, dockerode `createService`) is left to a
 *  human: Swarm has no per-service runtime, its tasks start with each node's default. */
export const SWARM_SERVICE_REASON =
  'a Swarm service\'s containers start with each node\'s default runtime (Swarm takes none per service): on each node, register crun and make it the default in /etc/docker/daemon.json (`"runtimes": {"crun": {"path": "/usr/bin/crun"}}, "default-runtime": "crun"`) and restart dockerd';

/** Kubernetes API calls that create pods, directly or through a workload, in the Python client's spelling
 *  (`create_namespaced_pod`) or the JavaScript one's (`createNamespacedPod`). */
export const KUBERNETES_POD_CREATE = /^(?:create_namespaced_(?:pod|job|cron_job|deployment|stateful_set|daemon_set|replica_set)|createNamespaced(?:Pod|Job|CronJob|Deployment|StatefulSet|DaemonSet|ReplicaSet))$/;
/** A pod spec that chooses its runtime class already: nothing to report. */
export const KUBERNETES_RUNTIME_CLASS = /runtime_class_name|runtimeClassName/;
export const KUBERNETES_POD_REASON =
  "a Kubernetes pod's OCI runtime comes from its RuntimeClass, not from Docker: set `runtimeClassName` in the pod spec to a RuntimeClass whose handler is crun (which the cluster's nodes must provide)";

/** Calls whose string arguments are messages, not commands (`print`, `logger.info`, `console.error`, `ValueError`). */
export const MESSAGE_CALLS = /^(print|debug|info|warning|warn|error|exception|critical|log|echo|write|append_message|input|ask|confirm|prompt|\w*(Error|Exception|Warning)|\w*_(confirm|prompt)|(confirm|ask)_(yes_no|yn|user|question))$/;

/** A literal executable: `docker`, `podman`, `nerdctl` (both take `--runtime` as docker does), or a path to one. */
export function isDockerExecutableName(value: string): boolean {
  return /^(docker|podman|nerdctl)(\.exe)?$/.test(value.split(/[\\/]/).at(-1) ?? "");
}

/** The engine a literal executable names, for labels: `podman run argv`. Anything else reads as docker. */
export function engineName(value: string | null | undefined): string {
  const base = (value ?? "").split(/[\\/]/).at(-1)?.replace(/\.exe$/, "");
  return base === "podman" || base === "nerdctl" ? base : "docker";
}

/** What the audit adds when a group's containers start with podman or nerdctl (site labels name the engine). */
export function enginesNote(labels: string[]): string {
  const engines = [...new Set(labels.flatMap((l) => /\b(podman|nerdctl)\b/.exec(l)?.[1] ?? []))].sort();
  return engines.length > 0 ? `; ${engines.join(", ")}: \`--runtime\` works the same` : "";
}

/** Container tools that take no OCI runtime from the caller, and why: their environments are left alone. */
const OTHER_ENGINES: Record<string, string> = {
  apptainer: "apptainer runs containers with its own runtime, not an OCI runtime such as crun or runc",
  singularity: "singularity runs containers with its own runtime, not an OCI runtime such as crun or runc",
  udocker: "udocker chooses its engine with `udocker setup --execmode` (its R modes use runc or crun), not per container",
  bwrap: "bubblewrap sandboxes processes itself; it is not an OCI container engine",
};
/** `"apptainer", "exec"` in an argv, or `apptainer exec` in a command string. */
const OTHER_ENGINE_USE = new RegExp(`["'\`](${Object.keys(OTHER_ENGINES).join("|")})["'\`]\\s*,|(?:^|["'\`\\s;&|(])(${Object.keys(OTHER_ENGINES).join("|")})\\s+(?:run|exec|shell|instance|start|--)`);

/** Any of their names at all: most files hold none, and this scan is several times cheaper than the one above. */
const OTHER_ENGINE_NAME = new RegExp(Object.keys(OTHER_ENGINES).join("|"));

export function usesOtherEngine(text: string): boolean {
  return OTHER_ENGINE_NAME.test(text) && OTHER_ENGINE_USE.test(text);
}

/** Why a group that starts its containers with apptainer, singularity, udocker or bubblewrap cannot take crun, or null. */
export function otherEngineReason(texts: Iterable<string>): string | null {
  for (const text of texts) {
    const match = OTHER_ENGINE_NAME.test(text) ? OTHER_ENGINE_USE.exec(text) : null;
    if (match) return OTHER_ENGINES[(match[1] ?? match[2])!]!;
  }
  return null;
}

/** Names for an executable that say nothing of which one it is. */
export const GENERIC_EXECUTABLE_WORDS: ReadonlySet<string> = new Set(["executable", "exe", "bin", "binary", "cli", "engine"]);
/** Words that name no program of their own: where a value is held (`self`, `config`, `os.environ`) or what it is. */
const HOLDER_WORDS = new Set([
  "self", "cls", "this", "config", "cfg", "conf", "settings", "options", "opts", "args", "params", "env", "os", "environ",
  "getenv", "get", "process", "ctx", "context", "props", "default", "local", "path", "container", "containers", "oci", "runtime",
  "tool", "program", "the", "my", "own",
]);

/** An expression's words, lower case: `self.dockerBin` → self, docker, bin. */
export function expressionWords(text: string): string[] {
  return text.split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/).filter(Boolean).map((w) => w.toLowerCase());
}

/** An expression that names the executable: docker's own name anywhere (`self.docker_bin`, `DOCKER_CMD`), or a
 *  generic name with nothing that names another program beside it (`config.executable`, `cfg.container_runtime`,
 *  `self._bin`; not `keystore_binary`, `sys.executable`, `java_exe`). */
export function namesDockerExecutable(expressionText: string, generic: ReadonlySet<string> = GENERIC_EXECUTABLE_WORDS): boolean {
  if (/docker|podman|nerdctl/i.test(expressionText)) return true;
  const words = expressionWords(expressionText);
  const named = words.some((w) => generic.has(w)) || (words.includes("container") && words.includes("runtime"));
  return named && words.every((w) => generic.has(w) || HOLDER_WORDS.has(w));
}

/** Flags that `docker run` takes and `uv run`, `npm run`, `poetry run` do not: an argv `[<anything>, "run", "--rm", ...]`
 *  with one of them is a container creation whatever its executable is called. */
const RUN_ONLY_FLAGS = new Set([
  "--rm", "-d", "--detach", "--name", "--network", "--net", "-v", "--volume", "--mount", "-p", "--publish", "--entrypoint",
  "--platform", "-it", "--gpus", "--memory", "-m", "--cpus", "--user", "--workdir", "-w", "--cap-add", "--privileged",
  "--hostname", "--init", "--pull", "--shm-size", "--ulimit", "--label",
]);

export function isDockerRunFlag(value: string): boolean {
  return RUN_ONLY_FLAGS.has(value.split("=")[0]!);
}

/** `--runtime` or `--runtime=<name>`. */
export function isRuntimeFlagText(value: string): boolean {
  return value === "--runtime" || value.startsWith("--runtime=");
}

/** Why a docker command handed to another object's runner method (`computer.send_shell_command(cmd)`,
 *  `sandbox.exec(cmd)`) is left to a human, in every language: it runs where that object reaches. */
export function runsElsewhereReason(runner: string): string {
  return `it runs through \`${runner}(...)\`, on whatever machine or container that reaches, whose engine may have no crun: add --runtime there by hand if it does`;
}

/** Names of text for a reader: a string passed or stored under one (`help="..."`, `usage: '...'`) is prose about a
 *  command (a CLI option's help, a schema's description), never the command run. */
export const PROSE_NAME = /^(?:usage|description|desc|help|help_?text|message|msg|title|summary|examples?|hint|label|text|tooltip|placeholder|caption|docs?|comment|note|details?)$/i;
