/**
 * Renders {@link LicenceFileLine} records as a FlexLM licence file (for round-trip properties and
 * generated tests).
 *
 * @since 0.1.0
 * @module
 */
import type { LicenceFileLine } from "@fleetlens/core/lite";

/**
 * Options of {@link renderFlexlmLicense}.
 *
 * @since 0.1.0
 * @category models
 */
export interface RenderFlexlmLicenseOptions {
  /** Wrap logical lines longer than this with `\` continuations (TAB-indented). Default 80; 0 = never. */
  readonly width?: number;
}

const MON = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

const expiry = (e: string | null): string => {
  if (e === null) return "permanent";
  const [y, m, d] = e.split("-");
  return `${Number(d)}-${MON[Number(m) - 1]}-${y}`;
};

const value = (v: string): string => (v === "" || /[\s"=]/.test(v) ? `"${v}"` : v);

const keywords = (kw: Readonly<Record<string, string>>): string[] =>
  Object.entries(kw).map(([k, v]) => (v === "" ? k : `${k}=${value(v)}`));

/** The tokens of one record's logical line. */
const tokens = (r: LicenceFileLine): string[] => {
  switch (r.type) {
    case "server":
      return [
        "SERVER",
        r.host,
        ...(r.hostid === null ? [] : [r.hostid]),
        ...(r.port === null ? [] : [String(r.port)]),
        ...keywords(r.keywords),
      ];
    case "vendor": {
      const t = ["VENDOR", r.vendor];
      if (r.path !== null) t.push(r.path);
      if (r.options !== null) t.push(`OPTIONS=${value(r.options)}`);
      if (r.port !== null) t.push(`PORT=${r.port}`);
      return [...t, ...keywords(r.keywords)];
    }
    case "use-server":
      return ["USE_SERVER"];
    case "feature": {
      const { FROM_VERSION, ...kw } = r.keywords;
      return [
        r.kind,
        r.feature,
        r.vendor,
        ...(r.kind === "UPGRADE" ? [FROM_VERSION ?? "0"] : []),
        r.version,
        expiry(r.expires),
        r.count === null ? "uncounted" : String(r.count),
        ...keywords(kw),
        'SIGN="0000 0000 0000 0000"',
      ];
    }
    case "package":
      return [
        "PACKAGE",
        r.package,
        r.vendor,
        ...(r.version === null ? [] : [r.version]),
        `COMPONENTS="${r.components.join(" ")}"`,
        ...keywords(r.keywords),
        'SIGN="0000 0000"',
      ];
  }
};

/**
 * Renders records as licence-file lines. FEATURE/INCREMENT/UPGRADE and PACKAGE lines get a dummy
 * `SIGN=` (dropped again by the parser); keywords with spaces, `=` or empty values are quoted and
 * `""` values print as bare flags. Lines longer than `options.width` wrap with `\` + newline + TAB
 * between tokens, and inside a quoted value that holds spaces.
 * A bare flag on a VENDOR line without path, options or port would read back as the path (the
 * format's own ambiguity), and values lose runs of spaces (continuations join with one).
 *
 * @example
 * ```ts
 * renderFlexlmLicense([{ type: "use-server" }]) // "USE_SERVER\n"
 * ```
 * @since 0.1.0
 * @category renderers
 */
export const renderFlexlmLicense = (
  records: readonly LicenceFileLine[],
  options: RenderFlexlmLicenseOptions = {},
): string => {
  const width = options.width ?? 80;
  const out: string[] = [];
  for (const r of records) {
    const toks = tokens(r);
    if (width <= 0) {
      out.push(toks.join(" "));
      continue;
    }
    let line = "";
    for (const tok of toks) {
      if (line.length > 0 && line.length + 1 + tok.length > width) {
        const q = tok.indexOf('"');
        const sp = q >= 0 ? tok.indexOf(" ", q) : -1;
        if (sp > 0 && sp < tok.length - 1) {
          // break inside the quoted value (the parser joins with one space)
          out.push(`${line} ${tok.slice(0, sp)} \\`);
          line = `\t${tok.slice(sp + 1)}`;
          continue;
        }
        out.push(`${line} \\`);
        line = `\t${tok}`;
      } else line = line.length > 0 ? `${line} ${tok}` : tok;
    }
    out.push(line);
  }
  return out.length === 0 ? "" : `${out.join("\n")}\n`;
};
