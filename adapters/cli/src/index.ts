/**
 * The fleetlens CLI as a library: `run(argv, io)` returns an exit code, for embedding and tests.
 *
 * @since 0.1.0
 * @module
 */

export type { Io } from "./framework.js";
export { rootCommand, run, VERSION } from "./main.js";
