import { spawnSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const project = mkdtempSync(path.join(tmpdir(), "lastword-build-"));
afterAll(() => rmSync(project, { recursive: true, force: true }));

/** `npm start`'s first step, run in a small project laid out like Lastword's, with its real tsconfigs. */
function ensureBuild() {
  const run = spawnSync(process.execPath, [path.join(ROOT, "scripts/ensure-build.mjs")], {
    cwd: project,
    encoding: "utf8",
  });
  expect(run.status, run.stderr).toBe(0);
  return run.stderr;
}

function runBuilt(): string {
  const run = spawnSync(process.execPath, ["dist/main.js"], { cwd: project, encoding: "utf8" });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout.trim();
}

const stampTime = () => statSync(path.join(project, "dist/.build-stamp")).mtimeMs;

function writeSource(file: string, text: string, secondsFromNow = 0) {
  const full = path.join(project, "src", file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, text);
  const when = new Date(Date.now() + secondsFromNow * 1000);
  utimesSync(full, when, when);
}

describe("npm start's build check", () => {
  writeFileSync(path.join(project, "package.json"), JSON.stringify({ type: "module" }));
  for (const config of ["tsconfig.json", "tsconfig.build.json"])
    cpSync(path.join(ROOT, config), path.join(project, config));
  symlinkSync(path.join(ROOT, "node_modules"), path.join(project, "node_modules"));
  writeSource("main.ts", 'import { greeting } from "./greeting.ts";\nconsole.log(greeting);\n');
  writeSource("greeting.ts", 'export const greeting: string = "first";\n');
  writeSource("page/index.html", "<p>page</p>\n");
  writeSource("generated/client.js", "// types only\n");

  it("builds a missing dist/ into runnable JavaScript, with the files the runtime reads beside it", () => {
    expect(ensureBuild()).toContain("building dist/");
    expect(runBuilt()).toBe("first");
    expect(readFileSync(path.join(project, "dist/page/index.html"), "utf8")).toBe("<p>page</p>\n");
    expect(() => statSync(path.join(project, "dist/generated"))).toThrow();
  }, 60_000);

  it("leaves an up-to-date build alone", () => {
    const built = stampTime();
    expect(ensureBuild()).toBe("");
    expect(stampTime()).toBe(built);
  }, 60_000);

  it("rebuilds when a source file is newer than the build", () => {
    const built = stampTime();
    writeSource("greeting.ts", 'export const greeting: string = "second";\n', 5);
    expect(ensureBuild()).toContain("building dist/");
    expect(stampTime()).toBeGreaterThan(built);
    expect(runBuilt()).toBe("second");
  }, 60_000);
});
