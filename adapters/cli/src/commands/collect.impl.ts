/**
 * `fleetlens collect` (declared in collect.ts): what the seed's systemd timer did (`last` +
 * `tcpdump` into files for a central host), done safely: commands run with argument vectors (no
 * shell), the capture is bounded in time and packets, and files appear atomically (written under a
 * temporary name, then renamed), so a collector never picks up half a file.
 */
import { execFile, spawn } from "node:child_process";
import { copyFile, mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { hostname, networkInterfaces, userInfo } from "node:os";
import { join } from "node:path";
import { InputError, UsageError } from "@fleetlens/core";
import { flag, type Io, type Parsed, str } from "../framework.js";

const HOST_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const IFACE_RE = /^[A-Za-z0-9._:@-]{1,32}$/;

const positiveInt = (name: string, v: string | undefined, min: number, max: number): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError({
      reason: `collect: --${name} must be an integer from ${min} to ${max} (got "${v}")`,
    });
  return n;
};

/** The machine's own addresses (all interfaces), for the peer analysis to exclude. */
export const ownAddresses = (): string[] => {
  const out = new Set<string>();
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) out.add(a.address.replace(/%.*$/, ""));
  }
  return [...out].sort();
};

const run = (cmd: string, argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> =>
  new Promise((resolve, reject) => {
    execFile(cmd, argv, { maxBuffer: 256 << 20, encoding: "utf8", env }, (err, stdout, stderr) => {
      if (err)
        reject(new InputError({ file: cmd, reason: `${argv.join(" ")}: ${stderr.trim() || err.message}` }));
      else resolve(stdout);
    });
  });

interface CaptureSpec {
  readonly tcpdump: string;
  readonly iface: string;
  readonly seconds: number;
  readonly packets: number;
  readonly snaplen: number;
  readonly filter: string | undefined;
  readonly file: string;
}

/** Run a bounded capture: stops after `packets` packets or `seconds`, whichever comes first. */
export const capture = (spec: CaptureSpec): Promise<{ stderr: string }> =>
  new Promise((resolve, reject) => {
    const argv = [
      "-i",
      spec.iface,
      "-nn",
      "-s",
      String(spec.snaplen),
      "-c",
      String(spec.packets),
      "-w",
      spec.file,
    ];
    // tcpdump drops to its own user after opening the device; as root keep root so it can write
    // into the output directory (the file is renamed into place afterwards anyway).
    if (userInfo().uid === 0) argv.push("-Z", "root");
    if (spec.filter) argv.push(spec.filter);
    const child = spawn(spec.tcpdump, argv, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (d: string) => {
      if (stderr.length < 65536) stderr += d;
    });
    const timer = setTimeout(() => child.kill("SIGINT"), spec.seconds * 1000);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(new InputError({ file: spec.tcpdump, reason: `cannot run: ${e.message}` }));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0 || signal === "SIGINT" || code === 130) resolve({ stderr });
      else
        reject(
          new InputError({
            file: spec.tcpdump,
            reason: `capture failed (exit ${code ?? signal}): ${stderr.trim().split("\n").pop() ?? ""}`,
          }),
        );
    });
  });

/** `fleetlens collect` (declared in collect.ts). */
export const collect = async (args: Parsed, io: Io): Promise<number> => {
  const out = str(args, "out");
  if (!out) throw new UsageError({ reason: "collect: --out DIR is required" });
  const host = str(args, "host") ?? hostname().split(".")[0] ?? "localhost";
  if (!HOST_RE.test(host))
    throw new UsageError({ reason: `collect: --host must be a plain host name (got "${host}")` });
  const iface = str(args, "interface") ?? "any";
  if (!IFACE_RE.test(iface))
    throw new UsageError({ reason: `collect: --interface: invalid name "${iface}"` });
  const seconds = positiveInt("seconds", str(args, "seconds"), 1, 86_400);
  const packets = positiveInt("packets", str(args, "packets"), 1, 100_000_000);
  const snaplen = positiveInt("snaplen", str(args, "snaplen"), 64, 262_144);
  const filter = str(args, "filter");
  if (filter !== undefined && (filter.startsWith("-") || filter.length > 4096))
    throw new UsageError({ reason: "collect: --filter must be a BPF expression, not an option" });
  const doCapture = !flag(args, "no-capture");
  const logins = str(args, "logins") ?? "wtmp";
  const wtmp = str(args, "wtmp") ?? "/var/log/wtmp";

  try {
    await mkdir(out, { recursive: true });
  } catch (e) {
    throw new InputError({ file: out, reason: `cannot create: ${(e as Error).message}` });
  }
  const written: { file: string; bytes: number }[] = [];
  const place = async (tmp: string, final: string) => {
    await rename(tmp, final);
    written.push({ file: final, bytes: (await stat(final)).size });
  };
  const tmpName = (name: string) => join(out, `.${name}.${process.pid}.tmp`);

  if (logins === "wtmp") {
    const tmp = tmpName(`${host}.wtmp`);
    try {
      await copyFile(wtmp, tmp);
    } catch (e) {
      await rm(tmp, { force: true });
      throw new InputError({
        file: wtmp,
        reason: `cannot copy: ${(e as NodeJS.ErrnoException).code ?? e}`,
      });
    }
    await place(tmp, join(out, `${host}.wtmp`));
  } else if (logins === "last") {
    // TZ=UTC: the text then needs no zone to be read back (fleetlens reads it as UTC by default).
    const text = await run("last", ["-F", "-x", "-w", "-i", "-f", wtmp], { ...process.env, TZ: "UTC" });
    const tmp = tmpName(`${host}-LAST`);
    await writeFile(tmp, text);
    await place(tmp, join(out, `${host}-LAST`));
  }

  const addrsTmp = tmpName(`${host}.addrs`);
  await writeFile(addrsTmp, `${ownAddresses().join("\n")}\n`);
  await place(addrsTmp, join(out, `${host}.addrs`));

  if (doCapture) {
    const tmp = tmpName(`${host}.pcap`);
    try {
      await capture({
        tcpdump: str(args, "tcpdump") ?? "tcpdump",
        iface,
        seconds,
        packets,
        snaplen,
        filter,
        file: tmp,
      });
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
    await place(tmp, join(out, `${host}.pcap`));
  }
  for (const w of written) io.stdout.write(`${JSON.stringify(w)}\n`);
  return 0;
};
