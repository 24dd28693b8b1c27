#!/usr/bin/env node
// Makes sure the real tools the tests use as oracles are on the machine: tcpdump, util-linux's
// `last` and `utmpdump`, iproute2's `ss`, MariaDB's server, ISC dhcpd, the real oslo.log, snmpd and
// snmpget, ping, openssl, promtool. On a
// fresh Debian/Ubuntu machine as root it installs the missing ones with apt-get (what CI does);
// otherwise it says exactly what to install and exits 1.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, rmSync, writeFileSync } from "node:fs";

// Each entry: a shell test that succeeds when the tool is there -> the Debian package with it.
const onPath = (cmd) => `command -v ${cmd} || test -x /usr/sbin/${cmd} || test -x /sbin/${cmd}`;
const tools = {
  tcpdump: "tcpdump",
  last: "util-linux",
  utmpdump: "util-linux",
  ss: "iproute2",
  // A real MariaDB for the store's integration tests (they start their own server on 127.0.0.1).
  mariadbd: "mariadb-server",
  "mariadb-install-db": "mariadb-server",
  // ISC dhcpd checks generated dhcpd.conf and dhcpd.leases (dhcpd -t / -T; no daemon runs).
  dhcpd: "isc-dhcp-server",
  // The SNMP probe's peer and oracle: tests start their own snmpd on 127.0.0.1 and compare with snmpget.
  snmpd: "snmpd",
  snmpget: "snmp",
  // The ICMP probe uses the system ping (to 127.0.0.1 only in tests).
  ping: "iputils-ping",
  // Self-signed certificates for the TLS probes' test servers.
  openssl: "openssl",
  // `promtool check metrics`: the oracle for every Prometheus exposition we write.
  promtool: "prometheus",
  // The remedy SSH executor's peer: tests start their own sshd on 127.0.0.1 with temp keys.
  sshd: "openssh-server",
  // The exporter dashboard's browser test: headless Chromium dumps the DOM after its script ran.
  chromium: "chromium",
};
// The openstack parser's oracle: Debian's python with the real oslo.log writes the reference lines.
const checks = [
  ...Object.entries(tools).map(([cmd, pkg]) => [onPath(cmd), pkg]),
  ['/usr/bin/python3 -c "import oslo_log"', "python3-oslo.log"],
  // French `date` lines (the logwatch parser's oracle builds the fr_FR locale with localedef)
  ["test -f /usr/share/i18n/locales/fr_FR && command -v localedef", "locales"],
];
const ok = (test) => spawnSync("sh", ["-c", test], { stdio: "ignore" }).status === 0;
const has = (cmd) => ok(onPath(cmd));
const missing = [...new Set(checks.filter(([test]) => !ok(test)).map(([, pkg]) => pkg))];
if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (isRoot && has("apt-get")) {
  console.error(`ensure-tools: installing ${missing.join(" ")} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  // The packages bring daemons (mariadb, snmpd, prometheus, dhcpd) whose install scripts would
  // start them listening on every interface: the tests start their own on 127.0.0.1, so no
  // service may start during the install (policy-rc.d exit 101 = action forbidden).
  const policy = "/usr/sbin/policy-rc.d";
  const ours = !existsSync(policy);
  if (ours) writeFileSync(policy, "#!/bin/sh\nexit 101\n", { mode: 0o755 });
  try {
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing], {
      stdio: "inherit",
      env,
    });
  } finally {
    if (ours) rmSync(policy, { force: true });
  }
  process.exit(0);
}
console.error(
  `ensure-tools: the tests need ${missing.join(", ")}; install them first, e.g.\n  sudo apt-get install -y ${missing.join(" ")}`,
);
process.exit(1);
