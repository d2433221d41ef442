// Every rule a finding can name: one description, one message template, one help text. The CLI's formats (SARIF rule
// table, GitHub annotations), the README's rules section (kept in step by a test) and every planner read them here.
import type { RuleId } from "./types.js";

export interface RuleDoc {
  id: RuleId;
  /** PascalCase name for SARIF. */
  name: string;
  /** One line. */
  summary: string;
  /** A paragraph: when the rule fires and what apply does about it. */
  description: string;
  /** Markdown: the bad and the good shape. */
  help: string;
  /** Anchor of the rule in the README's Rules section. */
  anchor: string;
  /** apply makes the edit (all rules but manual-runtime). */
  fixable: boolean;
}

const py = (code: string) => "```python\n" + code + "\n```";
const md = (code: string) => "```markdown\n" + code + "\n```";

export const RULES: Record<RuleId, RuleDoc> = {
  "container-runtime": {
    id: "container-runtime",
    name: "ContainerRuntime",
    summary: "A container is created without the OCI runtime (docker-py create/run, low-level API, dockerode, or a `docker run` command).",
    description:
      "A call creates a container and does not say which OCI runtime to use, so the engine's default (runc) applies. " +
      "apply passes the runtime its owner holds: `runtime=` for docker-py, `HostConfig.Runtime` for dockerode, " +
      "`--runtime <name>` right after `run`/`create` for the docker CLI (quoted for the shell in command strings).",
    help: py(
      'container = self.client.containers.create(image, detach=True)                        # bad\n' +
        "container = self.client.containers.create(image, detach=True, runtime=self.runtime)  # good",
    ),
    anchor: "rules",
    fixable: true,
  },
  "owner-runtime-param": {
    id: "owner-runtime-param",
    name: "OwnerRuntimeParam",
    summary: "A class or function that creates containers has no runtime parameter.",
    description:
      "The class or function whose code creates containers must take the runtime from its caller. apply adds a " +
      "parameter with the guide's default (a field for dataclasses and models, an option for options objects), in the " +
      "place where no positional argument shifts.",
    help: py(
      "class DockerExecutor:                                                   # bad\n" +
        "    def __init__(self, image: str):\n\n" +
        "class DockerExecutor:                                                   # good\n" +
        '    def __init__(self, image: str, runtime: str = "crun"):\n' +
        "        self.runtime = runtime",
    ),
    anchor: "rules",
    fixable: true,
  },
  "runtime-forwarding": {
    id: "runtime-forwarding",
    name: "RuntimeForwarding",
    summary: "A call that constructs a runtime owner does not forward the runtime it received.",
    description:
      "Code that builds an owner (a constructor call, a function call, a thread-pool dispatch) must pass on the runtime " +
      "its own caller chose; otherwise the owner silently keeps its default. apply adds the keyword (or option) there.",
    help: py("executor = DockerExecutor(image)                    # bad\nexecutor = DockerExecutor(image, runtime=runtime)  # good"),
    anchor: "rules",
    fixable: true,
  },
  "load-environment-runtime": {
    id: "load-environment-runtime",
    name: "LoadEnvironmentRuntime",
    summary: "load_environment / loadEnvironment does not expose the runtime.",
    description:
      "The environment's entry point is where a user chooses the runtime (`load_environment(runtime=\"runc\")`). apply adds " +
      "the parameter (or option) with the guide's default and passes it to every owner it builds.",
    help: py(
      'def load_environment(image: str = "python:3.11-slim", **kwargs):                         # bad\n' +
        'def load_environment(image: str = "python:3.11-slim", runtime: str = "crun", **kwargs):  # good',
    ),
    anchor: "rules",
    fixable: true,
  },
  "manual-runtime": {
    id: "manual-runtime",
    name: "ManualRuntime",
    summary: "A container creation crunify cannot rewrite safely; add the runtime by hand.",
    description:
      "crunify found a container creation (or a path the runtime must travel) that it cannot change without risking " +
      "behaviour: options built out of sight, a command assembled with `.format`, a shape the language would reject. " +
      "The message names the exact call and what to add.",
    help: py(
      'subprocess.run("docker run -d {}".format(image), shell=True)                          # bad\n' +
        'subprocess.run(["docker", "run", "--runtime", self.runtime, "-d", image], check=True)  # good',
    ),
    anchor: "rules",
    fixable: false,
  },
  "readme-runtime": {
    id: "readme-runtime",
    name: "ReadmeRuntime",
    summary: "The environment README lacks the Prerequisites content or the runtime argument row.",
    description:
      "Users read the README to learn that Docker must run, that crun is the default and how to fall back to runc. " +
      "apply adds the Prerequisites text and the `runtime` row of the arguments table, and only adds.",
    help: md(
      '| `image` | str | `"python:3.11-slim"` | Image for the sandbox |                 <!-- bad: no runtime row -->\n' +
        '| `runtime` | str | `"crun"` | OCI runtime (crun for speed, runc as fallback) |   <!-- good -->',
    ),
    anchor: "rules",
    fixable: true,
  },
};

export const RULE_IDS = Object.keys(RULES) as RuleId[];

/** The parts of a finding's message. `subject` names the code (`containers.create(...)`, `class Sandbox`);
 *  `action` says what to do (`add \`runtime=self.runtime\``, or what a human must change). */
export interface MessageParts {
  subject: string;
  action: string;
  /** What is wrong, where the rule's usual words do not fit the subject (a shared types file creates nothing). */
  problem?: string;
}

const PROBLEM: Record<RuleId, string> = {
  "container-runtime": "creates a container without the OCI runtime",
  "owner-runtime-param": "creates containers but takes no OCI runtime",
  "runtime-forwarding": "does not pass the OCI runtime on",
  "load-environment-runtime": "does not expose the OCI runtime",
  "manual-runtime": "cannot be given the OCI runtime automatically",
  "readme-runtime": "does not document the OCI runtime",
};

/** One grammar for every finding, whatever the language: `<subject> <problem>: <action>`. */
export function message(rule: RuleId, parts: MessageParts): string {
  return `${parts.subject} ${parts.problem ?? PROBLEM[rule]}: ${parts.action}`;
}
