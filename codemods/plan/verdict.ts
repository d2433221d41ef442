// The audit's verdict on a group, in one wording for every language.
import { enginesNote } from "../model/docker-cli.js";
import type { Support } from "../model/types.js";

export interface Verdict {
  support: Support;
  reason: string;
}

export const NO_CONTAINERS: Verdict = { support: "none", reason: "creates no containers" };

/** yes when the group creates containers itself (naming the classes or functions that do), no when it leaves that
 *  to a library, none otherwise. The library is asked for only when there is no site: finding it may mean reading
 *  files nothing else needs. */
export function verdict(siteContexts: (string | null)[], siteFiles: string[], delegatedTo: () => string | null, vias: (string | undefined)[] = [], labels: string[] = []): Verdict {
  if (vias.length > 0 && vias.every((v) => v !== undefined)) return { support: "yes", reason: `via ${[...new Set(vias)].join(", ")}` };
  if (siteContexts.length > 0) {
    const named = [...new Set(siteContexts.filter((c): c is string => c !== null))];
    const where = named.length > 0 ? named : [...new Set(siteFiles)];
    return { support: "yes", reason: `creates its own containers (${where.join(", ")}${enginesNote(labels)})` };
  }
  const library = delegatedTo();
  if (library) return { support: "no", reason: library };
  return NO_CONTAINERS;
}
