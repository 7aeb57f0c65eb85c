/**
 * The part of Slack's published API description that Lastword uses, cut from the full description
 * (slackapi/slack-api-specs, 2021) so that a clone of this repository checks every Web API call and
 * Events API payload against Slack's own words with nothing beside it.
 *
 * What is kept: the methods the bot calls and the fake Slack answers (parameters with their names,
 * places, types and whether they are required; response schemas), every definition those reach, the
 * Events API wrapper, and the payloads of the events the bot subscribes to. What is dropped: prose
 * (descriptions, titles, examples, links). A parameter whose description said it carries JSON keeps
 * that fact as `x-json: true`, the one thing the checks read from the prose.
 *
 * `npm run spec:update` regenerates tests/harness/slack-spec/ from the full description. Methods
 * Slack added after it (the current file upload: files.getUploadURLExternal and
 * files.completeUploadExternal), and those it changed since (oauth.v2.access, which refreshes
 * rotating tokens), are in slack-spec/web-api-after-2021.json, written by hand in the same shape
 * from Slack's method reference; the update leaves that file alone.
 */

type Json = unknown;
type JsonObject = Record<string, Json>;

/** Web API methods the bot calls, or will when installed through OAuth. Add one here, then regenerate. */
export const WEB_API_METHODS = [
  "auth.test",
  "chat.delete",
  "chat.getPermalink",
  "chat.postEphemeral",
  "chat.postMessage",
  "chat.update",
  "conversations.history",
  "conversations.info",
  "conversations.members",
  "conversations.open",
  "files.upload",
  "oauth.v2.access",
  "team.info",
  "users.info",
  "users.list",
  "views.open",
  "views.publish",
  "views.push",
  "views.update",
] as const;

/** Events API topics (AsyncAPI names) the manifest subscribes to. */
export const EVENT_TOPICS = [
  "app.uninstalled",
  "message",
  "message.app.home",
  "message.channels",
  "message.groups",
  "message.im",
  "tokens.revoked",
] as const;

/** Keywords that carry prose only. Dropped wherever they are keywords, kept where they name a field. */
const PROSE = new Set(["description", "title", "examples", "example", "externalDocs", "summary"]);

function isObject(value: Json): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A deep copy without prose. Inside `properties` (and the other maps from a name to a schema) the
 * keys are field names, so a field called `title` or `description` is kept.
 */
export function stripProse(node: Json, keysAreNames = false): Json {
  if (Array.isArray(node)) return node.map((item) => stripProse(item));
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (keysAreNames) {
      out[key] = stripProse(value);
      continue;
    }
    if (PROSE.has(key) || key.startsWith("x-slack")) continue;
    const namesBelow = key === "properties" || key === "definitions" || key === "patternProperties";
    out[key] = stripProse(value, namesBelow);
  }
  return out;
}

/** Parameters whose prose says they carry JSON text are marked `x-json` (before the prose goes). */
export function markJsonParameters(paths: JsonObject): JsonObject {
  for (const operations of Object.values(paths)) {
    if (!isObject(operations)) continue;
    for (const op of Object.values(operations)) {
      const parameters = isObject(op) && Array.isArray(op["parameters"]) ? op["parameters"] : [];
      for (const parameter of parameters) {
        if (
          isObject(parameter) &&
          typeof parameter["description"] === "string" &&
          /json/i.test(parameter["description"])
        ) {
          parameter["x-json"] = true;
        }
      }
    }
  }
  return paths;
}

function refsIn(node: Json, found: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) refsIn(item, found);
    return;
  }
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref" && typeof value === "string") found.add(value.replace("#/definitions/", ""));
    else refsIn(value, found);
  }
}

/** The methods named, and every definition they reach (plus `blocks`, which the checks point at). */
export function subsetWebApi(full: JsonObject, methods: readonly string[] = WEB_API_METHODS): JsonObject {
  const paths = full["paths"] as JsonObject;
  const definitions = full["definitions"] as JsonObject;
  const keptPaths: JsonObject = {};
  for (const method of methods) {
    const ops = paths[`/${method}`];
    if (ops === undefined) throw new Error(`${method} is not in the full Web API description`);
    keptPaths[`/${method}`] = structuredClone(ops);
  }
  markJsonParameters(keptPaths);

  const wanted = new Set<string>(["blocks"]);
  refsIn(keptPaths, wanted);
  const keptDefinitions: JsonObject = {};
  const queue = [...wanted];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (name in keptDefinitions) continue;
    const definition = definitions[name];
    if (definition === undefined) throw new Error(`definition ${name} is not in the full description`);
    keptDefinitions[name] = definition;
    const more = new Set<string>();
    refsIn(definition, more);
    queue.push(...[...more].filter((n) => !(n in keptDefinitions)));
  }
  const sorted = Object.fromEntries(Object.entries(keptDefinitions).sort(([a], [b]) => a.localeCompare(b)));
  return stripProse({
    swagger: full["swagger"],
    info: {
      title: "Slack Web API: the methods Lastword uses",
      version: (full["info"] as JsonObject)["version"],
    },
    paths: keptPaths,
    definitions: sorted,
  }) as JsonObject;
}

/** The payload schema of each topic named, from the AsyncAPI description. */
export function subsetEvents(full: JsonObject, topics: readonly string[] = EVENT_TOPICS): JsonObject {
  const all = full["topics"] as JsonObject;
  const kept: JsonObject = {};
  for (const topic of topics) {
    const entry = all[topic];
    const payload =
      isObject(entry) && isObject(entry["subscribe"]) ? entry["subscribe"]["payload"] : undefined;
    if (payload === undefined) throw new Error(`topic ${topic} is not in the full Events API description`);
    kept[topic] = stripProse(payload);
  }
  // Payloads refer to the shared wrapper under components.schemas.
  return { asyncapi: full["asyncapi"], components: stripProse(full["components"]), topics: kept };
}
