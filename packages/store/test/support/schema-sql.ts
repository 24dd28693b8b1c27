/** What db/schema.sql must hold: the store's own DDL for the three default tables, checkpoints and carried state. */
import { defaultTables, mysqlActionTable, mysqlCarryTable, mysqlCheckpointTable } from "../../src/index.js";

export const schemaSql = (): string =>
  [
    "-- fleetlens OpenStack action tables for MySQL / MariaDB (utf8mb4, times in UTC).",
    "-- The store creates these itself on first use; this file is for DBAs who create them ahead:",
    "--   mariadb -h 127.0.0.1 -u root -p ops < db/schema.sql",
    "-- Collation: utf8mb4_nopad_bin is MariaDB's exact (NO PAD) binary collation; on MySQL 8 use",
    "-- utf8mb4_0900_bin. Generated from src/Tables.ts; test/schema.test.ts checks it matches.",
    "",
    ...Object.values(defaultTables).map((t) => `${mysqlActionTable(t, "utf8mb4_nopad_bin")};\n`),
    `${mysqlCheckpointTable("utf8mb4_nopad_bin")};\n`,
    `${mysqlCarryTable("utf8mb4_nopad_bin")};`,
    "",
  ].join("\n");
