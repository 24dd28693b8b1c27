/**
 * The MIB object names the `snmpwalk` parser can turn back into numbers without MIB files: the
 * SMI roots, SNMPv2-MIB (`system`, `snmp`), IF-MIB (`ifTable`, `ifXTable`), UCD-SNMP-MIB, and
 * NET-SNMP-EXTEND-MIB (`nsExtend…`). The UCD and NET-SNMP names were read from net-snmp 5.9.3's
 * own MIB files; the others follow RFC 2578, RFC 3418 and RFC 2863.
 *
 * @since 0.1.0
 * @module
 */

/**
 * `@MODULE` starts a module; `parent: name arc, name arc` defines children. Parents come before
 * their children.
 */
const TABLE = `
@SNMPv2-SMI
iso: org 3
org: dod 6
dod: internet 1
internet: directory 1, mgmt 2
mgmt: mib-2 1
mib-2: transmission 10
internet: experimental 3, private 4
private: enterprises 1
internet: security 5, snmpV2 6
snmpV2: snmpDomains 1, snmpProxys 2, snmpModules 3
@SNMPv2-MIB
mib-2: system 1
system: sysDescr 1, sysObjectID 2, sysUpTime 3, sysContact 4, sysName 5, sysLocation 6, sysServices 7
system: sysORLastChange 8, sysORTable 9
sysORTable: sysOREntry 1
sysOREntry: sysORIndex 1, sysORID 2, sysORDescr 3, sysORUpTime 4
mib-2: snmp 11
snmp: snmpInPkts 1, snmpOutPkts 2, snmpInBadVersions 3, snmpInBadCommunityNames 4
snmp: snmpInBadCommunityUses 5, snmpInASNParseErrs 6, snmpInTooBigs 8, snmpInNoSuchNames 9
snmp: snmpInBadValues 10, snmpInReadOnlys 11, snmpInGenErrs 12, snmpInTotalReqVars 13
snmp: snmpInTotalSetVars 14, snmpInGetRequests 15, snmpInGetNexts 16, snmpInSetRequests 17
snmp: snmpInGetResponses 18, snmpInTraps 19, snmpOutTooBigs 20, snmpOutNoSuchNames 21
snmp: snmpOutBadValues 22, snmpOutGenErrs 24, snmpOutGetRequests 25, snmpOutGetNexts 26
snmp: snmpOutSetRequests 27, snmpOutGetResponses 28, snmpOutTraps 29, snmpEnableAuthenTraps 30
snmp: snmpSilentDrops 31, snmpProxyDrops 32
@IF-MIB
mib-2: interfaces 2
interfaces: ifNumber 1, ifTable 2
ifTable: ifEntry 1
ifEntry: ifIndex 1, ifDescr 2, ifType 3, ifMtu 4, ifSpeed 5, ifPhysAddress 6, ifAdminStatus 7
ifEntry: ifOperStatus 8, ifLastChange 9, ifInOctets 10, ifInUcastPkts 11, ifInNUcastPkts 12
ifEntry: ifInDiscards 13, ifInErrors 14, ifInUnknownProtos 15, ifOutOctets 16, ifOutUcastPkts 17
ifEntry: ifOutNUcastPkts 18, ifOutDiscards 19, ifOutErrors 20, ifOutQLen 21, ifSpecific 22
mib-2: ifMIB 31
ifMIB: ifMIBObjects 1
ifMIBObjects: ifXTable 1
ifXTable: ifXEntry 1
ifXEntry: ifName 1, ifInMulticastPkts 2, ifInBroadcastPkts 3, ifOutMulticastPkts 4, ifOutBroadcastPkts 5
ifXEntry: ifHCInOctets 6, ifHCInUcastPkts 7, ifHCInMulticastPkts 8, ifHCInBroadcastPkts 9
ifXEntry: ifHCOutOctets 10, ifHCOutUcastPkts 11, ifHCOutMulticastPkts 12, ifHCOutBroadcastPkts 13
ifXEntry: ifLinkUpDownTrapEnable 14, ifHighSpeed 15, ifPromiscuousMode 16, ifConnectorPresent 17
ifXEntry: ifAlias 18, ifCounterDiscontinuityTime 19
ifMIBObjects: ifTableLastChange 5, ifStackLastChange 6
@UCD-SNMP-MIB
enterprises: ucdavis 2021
ucdavis: ucdInternal 12, ucdExperimental 13, ucdSnmpAgent 250, prTable 2
prTable: prEntry 1
prEntry: prIndex 1, prNames 2, prMin 3, prMax 4, prCount 5, prErrorFlag 100, prErrMessage 101
prEntry: prErrFix 102, prErrFixCmd 103
ucdavis: extTable 8
extTable: extEntry 1
extEntry: extIndex 1, extNames 2, extCommand 3, extResult 100, extOutput 101, extErrFix 102
extEntry: extErrFixCmd 103
ucdavis: memory 4
memory: memIndex 1, memErrorName 2, memTotalSwap 3, memAvailSwap 4, memTotalReal 5, memAvailReal 6
memory: memTotalSwapTXT 7, memAvailSwapTXT 8, memTotalRealTXT 9, memAvailRealTXT 10, memTotalFree 11
memory: memMinimumSwap 12, memShared 13, memBuffer 14, memCached 15, memUsedSwapTXT 16
memory: memUsedRealTXT 17, memTotalSwapX 18, memAvailSwapX 19, memTotalRealX 20, memAvailRealX 21
memory: memTotalFreeX 22, memMinimumSwapX 23, memSharedX 24, memBufferX 25, memCachedX 26
memory: memSysAvail 27, memSwapError 100, memSwapErrorMsg 101
ucdavis: dskTable 9
dskTable: dskEntry 1
dskEntry: dskIndex 1, dskPath 2, dskDevice 3, dskMinimum 4, dskMinPercent 5, dskTotal 6, dskAvail 7
dskEntry: dskUsed 8, dskPercent 9, dskPercentNode 10, dskTotalLow 11, dskTotalHigh 12, dskAvailLow 13
dskEntry: dskAvailHigh 14, dskUsedLow 15, dskUsedHigh 16, dskErrorFlag 100, dskErrorMsg 101
ucdavis: laTable 10
laTable: laEntry 1
laEntry: laIndex 1, laNames 2, laLoad 3, laConfig 4, laLoadInt 5, laLoadFloat 6, laErrorFlag 100
laEntry: laErrMessage 101
ucdavis: version 100
version: versionIndex 1, versionTag 2, versionDate 3, versionCDate 4, versionIdent 5
version: versionConfigureOptions 6, versionClearCache 10, versionUpdateConfig 11, versionRestartAgent 12
version: versionSavePersistentData 13, versionDoDebugging 20
ucdavis: snmperrs 101
snmperrs: snmperrIndex 1, snmperrNames 2, snmperrErrorFlag 100, snmperrErrMessage 101
ucdavis: mrTable 102
mrTable: mrEntry 1
mrEntry: mrIndex 1, mrModuleName 2
ucdavis: systemStats 11
systemStats: ssIndex 1, ssErrorName 2, ssSwapIn 3, ssSwapOut 4, ssIOSent 5, ssIOReceive 6
systemStats: ssSysInterrupts 7, ssSysContext 8, ssCpuUser 9, ssCpuSystem 10, ssCpuIdle 11
systemStats: ssCpuRawUser 50, ssCpuRawNice 51, ssCpuRawSystem 52, ssCpuRawIdle 53, ssCpuRawWait 54
systemStats: ssCpuRawKernel 55, ssCpuRawInterrupt 56, ssIORawSent 57, ssIORawReceived 58
systemStats: ssRawInterrupts 59, ssRawContexts 60, ssCpuRawSoftIRQ 61, ssRawSwapIn 62, ssRawSwapOut 63
systemStats: ssCpuRawSteal 64, ssCpuRawGuest 65, ssCpuRawGuestNice 66, ssCpuNumCpus 67
ucdavis: ucdTraps 251, fileTable 15
fileTable: fileEntry 1
fileEntry: fileIndex 1, fileName 2, fileSize 3, fileMax 4, fileErrorFlag 100, fileErrorMsg 101
ucdavis: logMatch 16
logMatch: logMatchMaxEntries 1, logMatchTable 2
logMatchTable: logMatchEntry 1
logMatchEntry: logMatchIndex 1, logMatchName 2, logMatchFilename 3, logMatchRegEx 4
logMatchEntry: logMatchGlobalCounter 5, logMatchGlobalCount 6, logMatchCurrentCounter 7
logMatchEntry: logMatchCurrentCount 8, logMatchCounter 9, logMatchCount 10, logMatchCycle 11
logMatchEntry: logMatchErrorFlag 100, logMatchRegExCompilation 101
@NET-SNMP-MIB
enterprises: netSnmp 8072
netSnmp: netSnmpObjects 1, netSnmpEnumerations 3
netSnmpEnumerations: netSnmpModuleIDs 1, netSnmpAgentOIDs 2, netSnmpDomains 3
@NET-SNMP-AGENT-MIB
netSnmpObjects: nsExtensions 3
@NET-SNMP-EXTEND-MIB
nsExtensions: nsExtendObjects 2
nsExtendObjects: nsExtendNumEntries 1, nsExtendConfigTable 2
nsExtendConfigTable: nsExtendConfigEntry 1
nsExtendConfigEntry: nsExtendToken 1, nsExtendCommand 2, nsExtendArgs 3, nsExtendInput 4
nsExtendConfigEntry: nsExtendCacheTime 5, nsExtendExecType 6, nsExtendRunType 7, nsExtendStorage 20
nsExtendConfigEntry: nsExtendStatus 21
nsExtendObjects: nsExtendOutput1Table 3
nsExtendOutput1Table: nsExtendOutput1Entry 1
nsExtendOutput1Entry: nsExtendOutput1Line 1, nsExtendOutputFull 2, nsExtendOutNumLines 3
nsExtendOutput1Entry: nsExtendResult 4
nsExtendObjects: nsExtendOutput2Table 4
nsExtendOutput2Table: nsExtendOutput2Entry 1
nsExtendOutput2Entry: nsExtendLineIndex 1, nsExtendOutLine 2
`;

/** Roots net-snmp prints without a module. */
const ROOTS: Readonly<Record<string, string>> = { ccitt: ".0", iso: ".1", "joint-iso-ccitt": ".2" };

/** Modules that also define the SMI nodes and the MIB-II groups under the same names. */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  "SNMPv2-SMI": ["RFC1155-SMI", "RFC1213-MIB"],
  "SNMPv2-MIB": ["RFC1213-MIB"],
  "IF-MIB": ["RFC1213-MIB"],
};

interface Known {
  readonly oid: string;
  readonly modules: readonly string[];
}

let known: Map<string, Known> | undefined;

const load = (): Map<string, Known> => {
  const m = new Map<string, Known>();
  let mod = "";
  for (const line of TABLE.split("\n")) {
    if (line.length === 0) continue;
    if (line.charCodeAt(0) === 64 /* @ */) {
      mod = line.slice(1);
      continue;
    }
    const colon = line.indexOf(": ");
    const parent = line.slice(0, colon);
    const base = ROOTS[parent] ?? m.get(parent)?.oid;
    if (base === undefined) continue; // a parent is defined before its children (names.test checks)
    for (const item of line.slice(colon + 2).split(", ")) {
      const sp = item.indexOf(" ");
      m.set(item.slice(0, sp), {
        oid: `${base}.${item.slice(sp + 1)}`,
        modules: [mod, ...(ALIASES[mod] ?? [])],
      });
    }
  }
  return m;
};

/**
 * The numeric OID (leading dot) of a known object name, checked against the module when one is
 * given; undefined when unknown (or known from another module).
 *
 * @example
 * ```ts
 * knownOid("ifHCInOctets");            // ".1.3.6.1.2.1.31.1.1.1.6"
 * knownOid("memTotalReal", "IF-MIB");  // undefined
 * ```
 * @since 0.1.0
 * @category names
 */
export const knownOid = (name: string, module?: string): string | undefined => {
  const root = ROOTS[name];
  if (root !== undefined) return module === undefined ? root : undefined;
  known ??= load();
  const k = known.get(name);
  if (k === undefined) return undefined;
  if (module !== undefined && !k.modules.includes(module)) return undefined;
  return k.oid;
};

/** Every known name with its numeric OID (for tests and documentation). @since 0.1.0 @category names */
export const knownNames = (): ReadonlyMap<string, string> => {
  known ??= load();
  return new Map([...known].map(([n, k]) => [n, k.oid]));
};

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isNameChar = (c: number): boolean => isLetter(c) || isDigit(c) || c === 45 || c === 95;

/**
 * Whether a printed OID is all numbers (`.1.3.6.1.2.1.1.3.0`, or without the leading dot).
 *
 * @since 0.1.0
 * @category names
 */
export const isNumericOid = (p: string): boolean => {
  const n = p.length;
  let i = p.charCodeAt(0) === 46 ? 1 : 0;
  if (i >= n) return false;
  let digits = 0;
  for (; i < n; i++) {
    const c = p.charCodeAt(i);
    if (isDigit(c)) digits++;
    else if (c === 46 && digits > 0) digits = 0;
    else return false;
  }
  return digits > 0;
};

/** Arcs of a quoted index string: `"ab"` (length first) or `'ab'` (IMPLIED, no length); null if not bytes. */
const stringArcs = (s: string, implied: boolean): string | null => {
  let out = implied ? "" : `.${s.length}`;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c > 255) return null;
    out += `.${c}`;
  }
  return out;
};

/**
 * The numeric form (leading dot) of an OID as net-snmp prints it, or null when it holds a name
 * this table does not know. Understood: `.1.3.6…`, `iso.3.6…` (no MIBs), `MODULE::name.index`
 * (default, `-OS`), `name.index` (`-Os`), `.iso.org.dod.internet…` (`-Of`), `-Ob` numeric
 * indexes, string indexes `."text"` (length first) and `.'text'` (IMPLIED), and `-OX` brackets
 * holding numbers (`ifDescr[2]`, `[127.0.0.1]`). The last name in the OID decides; the numbers
 * after it are the instance.
 *
 * @example
 * ```ts
 * numericOid("UCD-SNMP-MIB::memTotalReal.0");            // ".1.3.6.1.4.1.2021.4.5.0"
 * numericOid('NET-SNMP-EXTEND-MIB::nsExtendResult."ab"'); // ".1.3.6.1.4.1.8072.1.3.2.3.1.4.2.97.98"
 * numericOid("HOST-RESOURCES-MIB::hrSystemUptime.0");    // null (not in the table)
 * ```
 * @since 0.1.0
 * @category names
 */
export const numericOid = (p: string): string | null => {
  const n = p.length;
  if (n === 0) return null;
  let i = 0;
  let module: string | undefined;
  const dc = p.indexOf("::");
  if (dc > 0) {
    for (let k = 0; k < dc; k++) if (!isNameChar(p.charCodeAt(k))) return null;
    module = p.slice(0, dc);
    i = dc + 2;
  } else if (p.charCodeAt(0) === 46) i = 1;
  let base = "";
  let arcs = "";
  let first = true;
  while (i < n) {
    const c = p.charCodeAt(i);
    if (isDigit(c)) {
      const s = i;
      while (i < n && isDigit(p.charCodeAt(i))) i++;
      arcs += `.${p.slice(s, i)}`;
    } else if (isLetter(c)) {
      const s = i;
      while (i < n && isNameChar(p.charCodeAt(i))) i++;
      const oid = knownOid(p.slice(s, i), first ? module : undefined);
      if (oid === undefined) {
        // an unknown name is fine only where a later known name replaces it (-Of paths)
        base = "?";
      } else base = oid;
      arcs = "";
    } else if (c === 34 || c === 39) {
      let s = "";
      let k = i + 1;
      while (k < n && p.charCodeAt(k) !== c) {
        if (p.charCodeAt(k) === 92 /* \ */ && k + 1 < n) k++;
        s += p[k];
        k++;
      }
      if (k >= n) return null;
      const a = stringArcs(s, c === 39);
      if (a === null) return null;
      arcs += a;
      i = k + 1;
    } else if (c === 91 /* [ */) {
      const k = p.indexOf("]", i);
      if (k < 0 || !isNumericOid(p.slice(i + 1, k))) return null;
      const inner = p.slice(i + 1, k);
      arcs += inner.charCodeAt(0) === 46 ? inner : `.${inner}`;
      i = k + 1;
      first = false;
      continue;
    } else return null;
    first = false;
    if (i < n) {
      const d = p.charCodeAt(i);
      if (d === 46) {
        i++;
        if (i >= n) return null;
      } else if (d !== 91) return null;
    }
  }
  if (base === "?") return null;
  const out = base + arcs;
  return out.length > 0 ? out : null;
};
