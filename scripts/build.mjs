// Compiles src/ to dist/ for `npm start` (tsx is for development only: compiled, the bot starts
// faster and holds less memory). Run by `npm install` (prepare) and by scripts/ensure-build.mjs.
// Plain JavaScript so that building needs nothing but Node and TypeScript.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** Where a successful build leaves its mark; its mtime is when the build started reading src/. */
export const STAMP = ".build-stamp";
/** Generated Prisma code is for types only; nothing at run time reads it. */
export const NOT_SHIPPED = ["generated"];

/** Builds `root`'s src/ into a fresh dist/: tsc, then the files the runtime reads (the playground's page). */
export function build(root) {
  const started = new Date();
  const dist = path.join(root, "dist");
  rmSync(dist, { recursive: true, force: true });
  const tsc = createRequire(path.join(root, "package.json")).resolve("typescript/bin/tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json")], {
    cwd: root,
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error(`tsc -p tsconfig.build.json failed (exit ${result.status})`);
  copyAssets(path.join(root, "src"), dist);
  mkdirSync(dist, { recursive: true });
  // Dated from the start, so that a file edited while tsc ran still counts as newer than the build.
  const stamp = path.join(dist, STAMP);
  writeFileSync(stamp, `${started.toISOString()}\n`);
  utimesSync(stamp, started, started);
}

/** Copies every non-TypeScript file under src/ to the same place under dist/. */
function copyAssets(dir, out, top = true) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (top && NOT_SHIPPED.includes(entry.name)) continue;
    const from = path.join(dir, entry.name);
    const to = path.join(out, entry.name);
    if (entry.isDirectory()) copyAssets(from, to, false);
    else if (!entry.name.endsWith(".ts")) {
      mkdirSync(out, { recursive: true });
      cpSync(from, to);
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    build(process.cwd());
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : err}\n`);
    process.exit(1);
  }
}
