// The thesis's 13 OIDs against a local snmpd: one fleetlens poll vs one snmpget process per OID
// (the thesis's way). Starts its own snmpd on 127.0.0.1 at a free UDP port.
import { execFileSync, spawn } from "node:child_process";
import { createSocket } from "node:dgram";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runProbe, SNMP_OIDS } from "@fleetlens/probes";

const runs = Number(process.argv[2] ?? 5);
const dir = mkdtempSync(join(tmpdir(), "fleetlens-snmp-bench-"));
writeFileSync(join(dir, "snmpd.conf"), `[snmp] persistentDir ${dir}\nrocommunity public 127.0.0.1\ndisk /\n`);
const port = await new Promise((r) => {
  const s = createSocket("udp4");
  s.bind(0, "127.0.0.1", () => {
    const p = s.address().port;
    s.close(() => r(p));
  });
});
const env = { ...process.env, SNMP_PERSISTENT_DIR: dir, SNMPCONFPATH: dir, MIBS: "", MIBDIRS: dir };
const snmpd = spawn(
  "/usr/sbin/snmpd",
  ["-f", "-Lo", "-C", "-c", join(dir, "snmpd.conf"), "-p", join(dir, "pid"), `udp:127.0.0.1:${port}`],
  {
    env,
    stdio: "ignore",
  },
);
const oids = [
  `${SNMP_OIDS.ssCpuIdle}`,
  `${SNMP_OIDS.ssCpuRawUser}`,
  `${SNMP_OIDS.ssCpuRawIdle}`,
  `${SNMP_OIDS.memTotalReal}`,
  `${SNMP_OIDS.memAvailReal}`,
  `${SNMP_OIDS.memBuffer}`,
  `${SNMP_OIDS.memCached}`,
  `${SNMP_OIDS.dskAvail}.1`,
  `${SNMP_OIDS.dskUsed}.1`,
  `${SNMP_OIDS.dskPercent ?? `${SNMP_OIDS.dskUsed.replace(/\.8$/, ".9")}`}.1`,
  `${SNMP_OIDS.ifHCInOctets}.1`,
  `${SNMP_OIDS.ifHCOutOctets}.1`,
  `${SNMP_OIDS.ifOperStatus}.1`,
].map((o) => (o.endsWith(".0") || /\.\d+\.1$/.test(o) || o.split(".").length > 10 ? o : `${o}.0`));
const snmpget = (oid) =>
  execFileSync("snmpget", ["-v2c", "-c", "public", "-On", "-t", "2", "-r", "0", `127.0.0.1:${port}`, oid], {
    env,
    stdio: ["ignore", "pipe", "ignore"],
  });
for (let i = 0; i < 50; i++) {
  try {
    snmpget(`${SNMP_OIDS.memTotalReal}.0`);
    break;
  } catch {
    await new Promise((r) => setTimeout(r, 200));
  }
}
const best = { fleetlens: Infinity, snmpget: Infinity };
let ok = true;
for (let i = 0; i < runs; i++) {
  let t0 = performance.now();
  const r = await runProbe(
    "snmp",
    "127.0.0.1",
    { port, community: "public", version: "2c" },
    { timeoutMs: 5000 },
  );
  if (!r.success) process.stderr.write(`${r.failureReason}: ${r.message}\n`);
  best.fleetlens = Math.min(best.fleetlens, (performance.now() - t0) / 1000);
  ok &&= r.success;
  t0 = performance.now();
  for (const o of oids) snmpget(o);
  best.snmpget = Math.min(best.snmpget, (performance.now() - t0) / 1000);
}
snmpd.kill();
process.stdout.write(
  `${JSON.stringify({ seconds: best.fleetlens, toolSeconds: best.snmpget, ok, records: oids.length, maxRssKb: process.resourceUsage().maxRSS })}\n`,
);
process.exit(0);
