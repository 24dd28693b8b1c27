import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { schemaSql } from "./support/schema-sql.js";

it("db/schema.sql is the store's own DDL (regenerate it from test/support/schema-sql.ts when Tables.ts changes)", () => {
  expect(readFileSync(new URL("../db/schema.sql", import.meta.url), "utf8")).toBe(schemaSql());
});
