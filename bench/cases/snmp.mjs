// The thesis's 13 OIDs against a local snmpd: one fleetlens poll vs one snmpget process per OID
// (the thesis's way). Starts its own snmpd on 127.0.0.1 at a free UDP port.
import { execFileSync, spawn } from "node:child_process";
import { createSocket } from "node:dgram";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runProbe, SNMP_OIDS } from "@fleetlens/probes";

const runs = Number(process.argv[2] ?? 5);
const SNMP_YML = `thesis:
  get:
  - 1.3.6.1.4.1.2021.11.11.0
  - 1.3.6.1.4.1.2021.11.50.0
  - 1.3.6.1.4.1.2021.11.53.0
  - 1.3.6.1.4.1.2021.4.5.0
  - 1.3.6.1.4.1.2021.4.6.0
  - 1.3.6.1.4.1.2021.4.14.0
  - 1.3.6.1.4.1.2021.4.15.0
  - 1.3.6.1.4.1.2021.9.1.7.1
  - 1.3.6.1.4.1.2021.9.1.8.1
  - 1.3.6.1.4.1.2021.9.1.9.1
  - 1.3.6.1.2.1.31.1.1.1.6.1
  - 1.3.6.1.2.1.31.1.1.1.10.1
  - 1.3.6.1.2.1.2.2.1.8.1
  metrics:
  - {name: ssCpuIdle, oid: 1.3.6.1.4.1.2021.11.11, type: gauge, help: idle}
  - {name: ssCpuRawUser, oid: 1.3.6.1.4.1.2021.11.50, type: counter, help: user}
  - {name: ssCpuRawIdle, oid: 1.3.6.1.4.1.2021.11.53, type: counter, help: idle}
  - {name: memTotalReal, oid: 1.3.6.1.4.1.2021.4.5, type: gauge, help: total}
  - {name: memAvailReal, oid: 1.3.6.1.4.1.2021.4.6, type: gauge, help: avail}
  - {name: memBuffer, oid: 1.3.6.1.4.1.2021.4.14, type: gauge, help: buffer}
  - {name: memCached, oid: 1.3.6.1.4.1.2021.4.15, type: gauge, help: cached}
  - {name: dskAvail, oid: 1.3.6.1.4.1.2021.9.1.7, type: gauge, help: avail, indexes: [{labelname: dskIndex, type: gauge}]}
  - {name: dskUsed, oid: 1.3.6.1.4.1.2021.9.1.8, type: gauge, help: used, indexes: [{labelname: dskIndex, type: gauge}]}
  - {name: dskPercent, oid: 1.3.6.1.4.1.2021.9.1.9, type: gauge, help: percent, indexes: [{labelname: dskIndex, type: gauge}]}
  - {name: ifHCInOctets, oid: 1.3.6.1.2.1.31.1.1.1.6, type: counter, help: in, indexes: [{labelname: ifIndex, type: gauge}]}
  - {name: ifHCOutOctets, oid: 1.3.6.1.2.1.31.1.1.1.10, type: counter, help: out, indexes: [{labelname: ifIndex, type: gauge}]}
  - {name: ifOperStatus, oid: 1.3.6.1.2.1.2.2.1.8, type: gauge, help: status, indexes: [{labelname: ifIndex, type: gauge}]}
  version: 2
  auth:
    community: public
`;
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
// Debian's prometheus-snmp-exporter, when installed, with a module for the same 13 OIDs.
const exporterBin = ["/usr/bin/prometheus-snmp-exporter", "/usr/local/bin/snmp_exporter"].find((b) => {
  try {
    execFileSync(b, ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
});
let exporter;
let exporterUrl;
if (exporterBin) {
  writeFileSync(join(dir, "snmp.yml"), SNMP_YML);
  const webPort = await new Promise((r) => {
    const srv = createServer().listen(0, "127.0.0.1", () => {
      const p = srv.address().port;
      srv.close(() => r(p));
    });
  });
  exporter = spawn(
    exporterBin,
    [`--config.file=${join(dir, "snmp.yml")}`, `--web.listen-address=127.0.0.1:${webPort}`],
    {
      stdio: "ignore",
    },
  );
  exporterUrl = `http://127.0.0.1:${webPort}/snmp?target=127.0.0.1:${port}&module=thesis`;
  for (let i = 0; i < 50; i++) {
    try {
      if ((await fetch(exporterUrl)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
}
const best = { fleetlens: Infinity, snmpget: Infinity, exporter: Infinity };
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
  if (exporterUrl) {
    t0 = performance.now();
    const text = await (await fetch(exporterUrl)).text();
    best.exporter = Math.min(best.exporter, (performance.now() - t0) / 1000);
    ok &&= text.includes("memTotalReal");
  }
}
snmpd.kill();
exporter?.kill();
process.stdout.write(
  `${JSON.stringify({ seconds: best.fleetlens, toolSeconds: best.snmpget, exporterSeconds: exporterUrl ? best.exporter : null, ok, records: oids.length, maxRssKb: process.resourceUsage().maxRSS })}\n`,
);
process.exit(0);
