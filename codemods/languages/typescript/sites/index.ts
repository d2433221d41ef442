// The TS/JS site kinds: one finder per way code creates a container. Adding a kind is one file and one line here.
import type { CallExpression, SourceFile } from "ts-morph";
import { compilerCalls, rawCalleeName, type ts } from "../ts-morph.js";
import { composeWrittenAtRunTime } from "./compose-written-at-run-time.js";
import { dockerArgv } from "./docker-argv.js";
import { dockerArgvUnknownRunner } from "./docker-argv-unknown-runner.js";
import { dockerArgvPush } from "./docker-argv-push.js";
import { dockerArgvBuilder } from "./docker-argv-builder.js";
import { dockerComposeCall } from "./docker-compose-call.js";
import { dockerComposeWrapper } from "./docker-compose-wrapper.js";
import { dockerCliHelper } from "./docker-cli-helper.js";
import { dockerComposePackage } from "./docker-compose-package.js";
import { dockerShellString, keptShellStrings } from "./docker-shell-string.js";
import { dockerodeCreate } from "./dockerode-create.js";
import { dockerodeInstanceNames, dockerodeRun } from "./dockerode-run.js";
import { nodeDockerApiCreate } from "./node-docker-api-create.js";
import { swarmService } from "./swarm-service.js";
import { kubernetesPod } from "./kubernetes-pod.js";
import type { FileStyle } from "../file-style.js";
import { shellGuardEdits } from "../shell-guard.js";
import type { CallShape, FileFacts, Site, SiteFinder } from "./types.js";

export const SITE_FINDERS: readonly SiteFinder[] = [dockerodeCreate, dockerodeRun, nodeDockerApiCreate, dockerArgv, dockerComposeCall, dockerComposePackage, dockerShellString, dockerCliHelper, composeWrittenAtRunTime, swarmService, kubernetesPod, dockerComposeWrapper, dockerArgvUnknownRunner, dockerArgvPush, dockerArgvBuilder];

export function findContainerSites(sf: SourceFile, style: FileStyle, variable: string): Site[] {
  const facts = fileFacts(sf, style, variable);
  const sites: Site[] = [];
  const { calls, wrap } = compilerCalls(sf);
  for (const raw of calls) {
    const shape = callShape(raw, sf);
    let call: CallExpression | undefined;
    for (const finder of SITE_FINDERS) {
      if (!finder.accepts(shape, facts)) continue;
      const site = finder.match((call ??= wrap(raw)), facts);
      if (site) {
        sites.push(site);
        break;
      }
    }
  }
  if (facts.commands.create || facts.commands.service) sites.push(...keptShellStrings(sf, facts));
  return sites;
}

/** What the finders share about a file, computed once (the costly parts when first asked). */
export function fileFacts(sf: SourceFile, style: FileStyle, variable: string): FileFacts {
  let instances: Set<string> | undefined;
  const text = sf.getFullText();
  return {
    text,
    dockerodeInstances: () => (instances ??= dockerodeInstanceNames(sf)),
    shellGuard: () => shellGuardEdits(sf, style),
    claimed: new Set(),
    // Loose tests of the whole text (a quote may stand before `docker`); the strings themselves are read exactly.
    commands: { create: /(?:docker|podman|nerdctl)[\w.\]]*\}?\s+(?:container\s+)?(?:run|create)|(?:docker\s+compose|docker-compose|podman-compose)\b/.test(text), service: /docker\s+service\s+create/.test(text), serviceWord: /["'`]service["'`]/.test(text), compose: /compose/.test(text), engineWord: /["'`](?:[^"'`]*[\\/])?(?:docker|podman|nerdctl|docker-compose|podman-compose)(?:\.exe)?["'`]/.test(text) },
    variable,
  };
}

/** A call as its finders' `accepts` see it: the callee's last name, and its text on demand. */
export function callShape(raw: ts.CallExpression, sf: SourceFile): CallShape {
  const source = sf.compilerNode;
  return { name: rawCalleeName(raw), text: () => source.text.slice(raw.expression.getStart(source), raw.expression.end) };
}

export type { Site } from "./types.js";
