// What the engine global setup hands to tests (vitest `provide`/`inject`), shared by both sides.
export interface EngineContext {
  available: boolean;
  /** Why the engine is not available (empty when it is). */
  reason: string;
  /** unix:// URL of the private engine with crun registered. */
  dockerHost: string;
  /** unix:// URL of the private engine WITHOUT crun, for fallback tests. */
  nocrunDockerHost: string;
  image: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    crunifyEngine: EngineContext;
  }
}
