// Run by `npm start` before the bot: rebuilds dist/ only when it is missing or older than a source
// file (a `git pull` without `npm install`, an edit), so `npm start` never runs stale code. Comparing
// mtimes takes milliseconds; a build takes a minute on a loaded machine, so it is done only when needed.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build, NOT_SHIPPED, STAMP } from "./build.mjs";

/** What the build reads besides src/: a change to any of them makes the build stale too. */
const INPUTS = ["tsconfig.json", "tsconfig.build.json", "package.json", "scripts/build.mjs"];

/** Whether `root`'s dist/ is missing or older than any file it is built from. */
export function buildIsStale(root) {
  const stamp = path.join(root, "dist", STAMP);
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  for (const input of INPUTS) {
    const file = path.join(root, input);
    if (existsSync(file) && statSync(file).mtimeMs > built) return true;
  }
  return newerFileIn(path.join(root, "src"), built, true);
}

function newerFileIn(dir, than, top = false) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (top && NOT_SHIPPED.includes(entry.name)) continue;
    const file = path.join(dir, entry.name);
    if (entry.isDirectory() ? newerFileIn(file, than) : statSync(file).mtimeMs > than) return true;
  }
  return false;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const root = process.cwd();
  if (buildIsStale(root)) {
    process.stderr.write(
      `${JSON.stringify({ level: "info", time: new Date().toISOString(), msg: "building dist/ (missing or older than src/)" })}\n`,
    );
    try {
      build(root);
    } catch (err) {
      process.stderr.write(`${err instanceof Error ? err.message : err}\n`);
      process.exit(1);
    }
  }
}
