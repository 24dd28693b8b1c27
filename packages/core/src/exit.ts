/**
 * Exit codes by error tag (DESIGN.md §2: 0 ok, 1 input/runtime, 2 usage/config, 3 check failed),
 * without loading effect: a command maps its errors with these before any verb's code is loaded.
 *
 * @since 0.1.0
 * @module
 */

/** Exit code of each fleetlens error tag. @since 0.1.0 @category errors */
export const EXIT_CODES: Readonly<
  Record<"InputError" | "ConfigError" | "UsageError" | "CheckFailed", 1 | 2 | 3>
> = {
  InputError: 1,
  ConfigError: 2,
  UsageError: 2,
  CheckFailed: 3,
};

/**
 * The exit code of a fleetlens error (by its `_tag`), or undefined for anything else.
 *
 * @example
 * ```ts
 * exitCodeOfTagged(new UsageError({ reason: "x" })) // 2
 * exitCodeOfTagged(new Error("boom"))                // undefined
 * ```
 * @since 0.1.0
 * @category errors
 */
export const exitCodeOfTagged = (e: unknown): 1 | 2 | 3 | undefined => {
  const tag = (e as { _tag?: unknown } | null)?._tag;
  return typeof tag === "string" && Object.hasOwn(EXIT_CODES, tag)
    ? EXIT_CODES[tag as keyof typeof EXIT_CODES]
    : undefined;
};
