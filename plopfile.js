// plop looks for plopfile.js at the repository root; the generator itself is compiled from generators/plopfile.ts.
export { default } from "./dist/generators/plopfile.js";
