import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fullSpecsDir } from "../../harness/slack-openapi.ts";
import { stripProse, subsetEvents, subsetWebApi } from "../../harness/slack-spec-subset.ts";

const SUBSET = join(import.meta.dirname, "..", "..", "harness", "slack-spec");
const read = (file: string) => JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;

/** A Web API description in the published shape, small enough to read. */
const published = {
  swagger: "2.0",
  info: { title: "Slack Web API", version: "1.7.0", description: "prose" },
  paths: {
    "/chat.postMessage": {
      post: {
        description: "Sends a message to a channel.",
        externalDocs: { url: "https://api.slack.com/methods/chat.postMessage" },
        parameters: [
          { name: "channel", in: "formData", required: true, type: "string", description: "Channel id" },
          { name: "blocks", in: "formData", type: "string", description: "A JSON-based array of blocks" },
        ],
        responses: { "200": { schema: { $ref: "#/definitions/objs_message" }, examples: { ok: true } } },
      },
    },
    "/admin.apps.approve": { post: { responses: { "200": { schema: { $ref: "#/definitions/unused" } } } } },
  },
  definitions: {
    blocks: { type: "array", items: { type: "object" } },
    objs_message: {
      type: "object",
      title: "Message object",
      required: ["title"],
      properties: {
        title: { type: "string", description: "a field named title" },
        file: { $ref: "#/definitions/objs_file" },
      },
    },
    objs_file: { type: "object", properties: { name: { type: "string", example: "a.png" } } },
    unused: { type: "object" },
  },
};

describe("the committed part of Slack's API description", () => {
  it("keeps the methods named and every definition they reach, and nothing else", () => {
    const subset = subsetWebApi(published, ["chat.postMessage"]) as typeof published;
    expect(Object.keys(subset.paths)).toEqual(["/chat.postMessage"]);
    expect(Object.keys(subset.definitions)).toEqual(["blocks", "objs_file", "objs_message"]);
  });

  it("drops prose but keeps a field called title, and remembers which parameters carry JSON", () => {
    const subset = subsetWebApi(published, ["chat.postMessage"]);
    const text = JSON.stringify(subset);
    expect(text).not.toContain("Sends a message");
    expect(text).not.toContain("a.png");
    expect(text).not.toContain("api.slack.com");
    const message = (subset["definitions"] as Record<string, { properties: object; required: string[] }>)[
      "objs_message"
    ]!;
    expect(Object.keys(message.properties)).toEqual(["title", "file"]);
    expect(message.required).toEqual(["title"]);
    expect(message).not.toHaveProperty("title");
    const parameters = (subset["paths"] as Record<string, { post: { parameters: object[] } }>)[
      "/chat.postMessage"
    ]!.post.parameters;
    expect(parameters).toEqual([
      { name: "channel", in: "formData", required: true, type: "string" },
      { name: "blocks", in: "formData", type: "string", "x-json": true },
    ]);
  });

  it("refuses a method the full description does not have, instead of checking less", () => {
    expect(() => subsetWebApi(published, ["chat.nonsense"])).toThrow(/chat.nonsense/);
  });

  it("ships with its licence notice", () => {
    expect(readFileSync(join(SUBSET, "LICENSE"), "utf8")).toMatch(/MIT License[\s\S]*SlackAPI/);
  });

  const full = fullSpecsDir();
  it.skipIf(full === undefined)(
    "is what npm run spec:update makes from the full description (where present)",
    () => {
      const dir = full!;
      expect(read(join(SUBSET, "web-api.json"))).toEqual(
        subsetWebApi(read(join(dir, "web-api", "slack_web_openapi_v2_without_examples.json"))),
      );
      expect(read(join(SUBSET, "events-api.json"))).toEqual(
        subsetEvents(read(join(dir, "events-api", "slack_events_api_async_v1.json"))),
      );
      expect(read(join(SUBSET, "event-wrapper.json"))).toEqual(
        stripProse(read(join(dir, "events-api", "slack_common_event_wrapper_schema.json"))),
      );
      expect(existsSync(join(SUBSET, "web-api.json"))).toBe(true);
    },
  );
});
