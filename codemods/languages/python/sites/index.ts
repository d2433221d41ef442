// The Python site kinds: one finder per way code creates a container. Adding a kind is one file and one line here.
import type { CodemodOptions } from "../../../model/types.js";
import type { PyModule } from "../module-index.js";
import type { Resolver } from "../resolve.js";
import type { Site } from "../site.js";
import { findDockerArgv } from "./docker-argv.js";
import { findDockerCliWrapperCalls } from "./docker-cli-wrapper.js";
import { findComposeWrittenAtRunTime } from "./compose-written-at-run-time.js";
import { findDockerComposeCalls } from "./docker-compose-call.js";
import { findIncrementalComposeArgv } from "./docker-compose-argv-incremental.js";
import { findIncrementalDockerArgv } from "./docker-argv-incremental.js";
import { findDockerArgvFromHelper } from "./docker-argv-from-helper.js";
import { findDockerPyCallables } from "./docker-py-callable.js";
import { findDockerPyCalls } from "./docker-py-call.js";
import { findLowLevelApi } from "./docker-py-low-level.js";
import { findDockerShellStrings, SHELL_DOCKER_COMMAND } from "./docker-shell-string.js";
import { findLibraryDockerArgs } from "./library-docker-args.js";
import { findLibraryRuntimeKeywords, LIBRARY_RUNTIME_CLASS } from "./library-runtime-keyword.js";
import { findSwarmServices } from "./swarm-service.js";
import { findEngineApiCreateBodies } from "./engine-api-create-body.js";
import { findKubectlPods, findKubernetesPods } from "./kubernetes-pod.js";
import { findShLibraryCommands, IMPORTS_SH } from "./sh-library-command.js";

/** What a finder may ask beyond its module: what a name means across the group, and the run's options. */
export interface FinderContext {
  resolver: Resolver;
  options: CodemodOptions;
  /** The environment's pyproject.toml (library pins), when it has one. */
  pyproject: string | null;
}

export interface SiteFinder {
  kind: string;
  title: string;
  /** Text every file holding such a site contains: files without it are not walked (most files of a repository). */
  needs: RegExp;
  find(mod: PyModule, ctx: FinderContext): Site[];
  /** Its sites depend on what other modules define (a lookup through the resolver), which the growing reading may
   *  change: found again each round. Every other finder reads its module alone, so its sites are found once. */
  crossModule?: true;
}

/** A string literal "run" or "create" (in any quotes, with any prefix): the subcommand of an argv. */
const CREATE_LITERAL = /["'](?:run|create)["']/;
/** The attribute `.containers` (`client.containers.run`): only blanks, line continuations and comments (inside
 *  brackets) may sit between the dot and the name. "containers" in prose is not it. The word first, the dot looked
 *  back for: a scan that starts at every dot costs twice as much. */
const CONTAINERS_ATTRIBUTE = /containers\b(?<=\.(?:\s|\\|#.*)*containers)/;

export const SITE_FINDERS: readonly SiteFinder[] = [
  { kind: "docker-py-call", title: "docker-py `containers.create/run(...)`", needs: CONTAINERS_ATTRIBUTE, find: findDockerPyCalls },
  { kind: "docker-py-callable", title: "docker-py create/run passed as a callable (to_thread, partial, run_in_executor)", needs: CONTAINERS_ATTRIBUTE, find: findDockerPyCallables },
  { kind: "docker-py-low-level", title: "docker-py APIClient `create_host_config` / `create_container`", needs: /create_host_config|create_container/, find: findLowLevelApi },
  { kind: "docker-argv", title: "`docker run|create` argv (list, tuple, create_subprocess_exec)", needs: CREATE_LITERAL, find: findDockerArgv },
  { kind: "docker-argv-incremental", title: "`docker run` argv built step by step (`+=`, extend, append)", needs: CREATE_LITERAL, find: findIncrementalDockerArgv },
  { kind: "docker-argv-from-helper", title: "`docker run` argv whose subcommand and flags a helper of the module returns (`[\"docker\", *self._run_args()]`)", needs: CREATE_LITERAL, find: findDockerArgvFromHelper },
  { kind: "docker-shell-string", title: "`docker run` in a shell command string", needs: SHELL_DOCKER_COMMAND, find: findDockerShellStrings },
  { kind: "docker-compose-argv-incremental", title: "`docker compose` argv built step by step, its subcommand added later or from elsewhere: reported", needs: /compose/, find: findIncrementalComposeArgv },
  { kind: "docker-compose-call", title: "`docker compose up|run|create` (argv or shell string): the runtime as OCI_RUNTIME", needs: /compose/, find: findDockerComposeCalls },
  { kind: "library-docker-args", title: "minisweagent `run_args` / SWE-ReX `docker_args`: the runtime rides in the library's docker run (minisweagent's `get_environment(config)`: reported)", needs: /DockerEnvironment|DockerDeployment|get_environment/, find: findLibraryDockerArgs },
  { kind: "library-runtime-keyword", title: "NeMo-Run `DockerExecutor(...)`: the library hands its `runtime` keyword to docker-py", needs: LIBRARY_RUNTIME_CLASS, find: findLibraryRuntimeKeywords },
  { kind: "compose-written-at-run-time", title: "a compose file written at run time (`yaml.safe_dump({\"services\": ...})`, a string with `services:`): reported", needs: /services/, find: findComposeWrittenAtRunTime },
  { kind: "swarm-service", title: "a Swarm service (`services.create`, `docker service create`): reported, Swarm takes no runtime per service", needs: /services\.create|create_service|["']?service["']?,?\s+["']?create/, find: findSwarmServices },
  { kind: "engine-api-create-body", title: "a Docker Engine API create body built by hand (`{\"Image\": ..., \"HostConfig\": ...}`): reported", needs: /HostConfig/, find: findEngineApiCreateBodies },
  { kind: "kubernetes-pod", title: "a Kubernetes pod (`create_namespaced_pod`, a Job or Deployment): reported, its runtime is the pod's RuntimeClass", needs: /create_namespaced_/, find: findKubernetesPods },
  { kind: "kubectl-pod", title: "a Kubernetes pod through kubectl (`kubectl run`, `kubectl apply -f`): reported, its runtime is the pod's RuntimeClass", needs: /kubectl\s+(?:-|run|apply|create)|["']kubectl["']/, find: findKubectlPods },
  { kind: "sh-library-command", title: "`sh.docker(\"run\", ...)` / `docker_compose(\"up\", ...)` through the sh library", needs: IMPORTS_SH, find: findShLibraryCommands },
  { kind: "docker-cli-wrapper", title: "`docker(\"run\", ...)` through the package's own docker CLI helper", needs: CREATE_LITERAL, find: findDockerCliWrapperCalls, crossModule: true },
];

/** Whether any finder could find a site in `text`. */
export function mayHoldSite(text: string): boolean {
  return SITE_FINDERS.some((finder) => finder.needs.test(text));
}
