/**
 * Regenerates tests/harness/slack-spec/ (the part of Slack's API description the bot uses) from the
 * full description: `npm run spec:update [-- <dir>]`, where <dir> holds web-api/ and events-api/ as
 * published in slackapi/slack-api-specs. Default: $SLACK_API_SPECS_DIR, else ../shared/slack-api-specs.
 * Edit the lists in tests/harness/slack-spec-subset.ts to keep another method or event.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { stripProse, subsetEvents, subsetWebApi } from "../tests/harness/slack-spec-subset.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const source = resolve(
  process.argv[2] ?? process.env["SLACK_API_SPECS_DIR"] ?? join(root, "..", "shared", "slack-api-specs"),
);
const webApiFile = join(source, "web-api", "slack_web_openapi_v2_without_examples.json");
if (!existsSync(webApiFile)) {
  process.stderr.write(`update-slack-spec: no full description in ${source} (expected ${webApiFile})\n`);
  process.exit(1);
}
const read = (file: string) => JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
const out = join(root, "tests", "harness", "slack-spec");
mkdirSync(out, { recursive: true });
const write = (name: string, data: unknown) =>
  writeFileSync(join(out, name), `${JSON.stringify(data, null, 1)}\n`);

write("web-api.json", subsetWebApi(read(webApiFile)));
write("events-api.json", subsetEvents(read(join(source, "events-api", "slack_events_api_async_v1.json"))));
write(
  "event-wrapper.json",
  stripProse(read(join(source, "events-api", "slack_common_event_wrapper_schema.json"))),
);
writeFileSync(
  join(out, "LICENSE"),
  "The JSON files beside this one are cut from Slack's published API description\n" +
    "(slackapi/slack-api-specs, last commit bc08db4, 2021) by scripts/update-slack-spec.ts: prose dropped,\n" +
    "only the methods and events Lastword uses kept. web-api-after-2021.json is not generated: it is\n" +
    "written by hand from Slack's method reference (docs.slack.dev) for methods added since. Its licence:\n\n" +
    readFileSync(join(source, "LICENSE"), "utf8"),
);
process.stdout.write(`wrote ${out} from ${source}\n`);
