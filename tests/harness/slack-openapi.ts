/**
 * Checks Web API calls and answers, and Events API envelopes, against Slack's own published
 * description (slackapi/slack-api-specs, 2021): always against the part of it Lastword uses, committed
 * in tests/harness/slack-spec/ (see slack-spec-subset.ts), and also against the full description
 * where it is present ($SLACK_API_SPECS_DIR, else ../shared/slack-api-specs beside the clone).
 *
 * The description is independent of us, so checking the fake's answers and the bot's calls against it
 * keeps both honest. It has known flaws (see the README beside it), which are
 * worked around here rather than copied into the product:
 *  - views.* (and others) are listed as GET with `query` parameters although Slack takes POST: we treat
 *    `query` and `formData` parameters alike and accept any HTTP verb.
 *  - `blocks` is only loosely described, and once wrongly typed `object` (chat.update's message): every
 *    `blocks` property is pointed at the loose `#/definitions/blocks` array.
 *  - Alternatives are written as a tuple `items: [A, B]` on non-array values (objs_user, objs_conversation,
 *    tz, bot_id, ...). Under JSON Schema that validates nothing; the generator meant "one of", so we
 *    rewrite them to `anyOf`.
 *  - The specs stop in 2021: a field or parameter the spec does not know is a warning, never an error;
 *    a missing required one (or a wrong type) is an error. Error codes Slack added later are warnings.
 *  - The event wrapper still requires the deprecated `authed_users` (replaced by `authorizations`): it is
 *    dropped from `required`.
 *  - The event payloads (AsyncAPI) were each generated from one example, which made every field of
 *    it required: their `required` lists are dropped, their types kept (see withoutRequired).
 *  - conversations.history's `messages` says `minItems: 1`, but Slack answers an empty channel (or a
 *    window with no messages) with `messages: []`: that one `minItems` is dropped (see repairKnownFlaws).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import type { ErrorObject, ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { markJsonParameters } from "./slack-spec-subset.ts";

export interface CheckResult {
  errors: string[];
  warnings: string[];
}

type JsonSchema = { [keyword: string]: unknown };

interface SpecParameter {
  name: string;
  in: string;
  required?: boolean;
  type?: string;
  "x-json"?: boolean;
}

interface SpecOperation {
  parameters?: SpecParameter[];
  responses: Record<string, { schema?: JsonSchema } | undefined>;
}

interface WebApiSpec {
  paths: Record<string, Record<string, SpecOperation> | undefined>;
  definitions: Record<string, JsonSchema>;
}

const WEB_API_SPEC_FILE = join("web-api", "slack_web_openapi_v2_without_examples.json");
const EVENT_WRAPPER_FILE = join("events-api", "slack_common_event_wrapper_schema.json");

const HARNESS_DIR = dirname(fileURLToPath(import.meta.url));
/** The committed part of the description (see slack-spec-subset.ts). */
const SUBSET_DIR = join(HARNESS_DIR, "slack-spec");
/**
 * Methods Slack added after the 2021 description, written by hand in its shape from Slack's
 * method reference (the file names its sources): checked like the rest, and merged into the subset.
 */
const AFTER_2021_FILE = join(SUBSET_DIR, "web-api-after-2021.json");
/** tests/harness → repository root; a full copy of the specs may live beside the clone. */
const REPO_ROOT = resolve(HARNESS_DIR, "..", "..");

/**
 * Parameters whose value is JSON sent as a string. Most are marked `x-json` (their description in the
 * spec says so); `metadata` and `user_auth_blocks` were added after 2021.
 */
const JSON_PARAMETERS_NOT_IN_SPEC = new Set([
  "blocks",
  "attachments",
  "view",
  "metadata",
  "user_auth_blocks",
]);

/**
 * The full description, where present: $SLACK_API_SPECS_DIR (which must then hold it), else
 * <repo>/../shared/slack-api-specs if it exists, else none (a clone from a git host has none).
 */
export function fullSpecsDir(): string | undefined {
  const fromEnv = process.env["SLACK_API_SPECS_DIR"];
  if (fromEnv !== undefined && fromEnv !== "") {
    const dir = resolve(fromEnv);
    if (!existsSync(join(dir, WEB_API_SPEC_FILE))) {
      throw new Error(
        `SLACK_API_SPECS_DIR=${fromEnv} holds no ${WEB_API_SPEC_FILE}; unset it or point it at slack-api-specs`,
      );
    }
    return dir;
  }
  const beside = resolve(REPO_ROOT, "..", "shared", "slack-api-specs");
  return existsSync(join(beside, WEB_API_SPEC_FILE)) ? beside : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Loading and repairing the spec

interface LoadedSpec {
  /** "subset" or "full", named in every problem found only by the full description. */
  name: string;
  paths: WebApiSpec["paths"];
  definitions: Record<string, JsonSchema>;
  validators: WeakMap<JsonSchema, ValidateFunction>;
  openDefinitions?: unknown;
}

function load(name: string, raw: WebApiSpec): LoadedSpec {
  return {
    name,
    paths: repairKnownFlaws(
      repairSchema(markJsonParameters(raw.paths as Record<string, unknown>)) as WebApiSpec["paths"],
    ),
    definitions: repairSchema(raw.definitions) as Record<string, JsonSchema>,
    validators: new WeakMap(),
  };
}

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8")) as unknown;

let cachedSpecs: LoadedSpec[] | undefined;

/** The committed subset first; the full description too when it is there. */
function specs(): LoadedSpec[] {
  if (cachedSpecs === undefined) {
    const subset = readJson(join(SUBSET_DIR, "web-api.json")) as WebApiSpec;
    const after = readJson(AFTER_2021_FILE) as WebApiSpec;
    cachedSpecs = [
      load("subset", {
        paths: { ...subset.paths, ...after.paths },
        definitions: { ...subset.definitions, ...after.definitions },
      }),
    ];
    const full = fullSpecsDir();
    if (full !== undefined)
      cachedSpecs.push(load("full", readJson(join(full, WEB_API_SPEC_FILE)) as WebApiSpec));
  }
  return cachedSpecs;
}

/** Runs a check against each description and keeps every distinct problem. */
function everySpec(check: (spec: LoadedSpec) => CheckResult): CheckResult {
  const results = specs().map(check);
  return {
    errors: unique(results.flatMap((r) => r.errors)),
    warnings: unique(results.flatMap((r) => r.warnings)),
  };
}

/**
 * Flaws of single methods, fixed one by one (each must be there: a spec that moved on fails loudly
 * instead of silently checking less).
 *  - conversations.history: `messages` has `minItems: 1`, yet Slack answers `"messages": []` for an
 *    empty channel or an `oldest`/`latest` window without messages. Only that `minItems` goes; the
 *    array stays required, typed and `uniqueItems`, and every other method's `minItems` (users.list's
 *    members, which always holds at least the bot) is kept.
 */
function repairKnownFlaws(paths: WebApiSpec["paths"]): WebApiSpec["paths"] {
  const history = paths["/conversations.history"];
  const op = history?.["get"] ?? history?.["post"];
  const properties = op?.responses["200"]?.schema?.["properties"];
  const messages = isObject(properties) ? properties["messages"] : undefined;
  if (!isObject(messages) || messages["minItems"] !== 1) {
    throw new Error(
      "Slack spec: conversations.history's `messages` no longer has minItems 1; revisit repairKnownFlaws",
    );
  }
  delete messages["minItems"];
  return paths;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}

/** Deep copy of a schema with the spec's structural flaws fixed (tuple-as-alternatives, loose blocks). */
function repairSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(repairSchema);
  if (!isObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = repairSchema(value);
  if (Array.isArray(out["items"]) && out["type"] !== "array") {
    out["anyOf"] = out["items"];
    delete out["items"];
  }
  const properties = out["properties"];
  if (isObject(properties) && properties["blocks"] !== undefined) {
    properties["blocks"] = { $ref: "#/definitions/blocks" };
  }
  return out;
}

/** Deep copy accepting fields the spec does not list: those become warnings, found by unknownFields(). */
function openSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(openSchema);
  if (!isObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "additionalProperties" && value === false) continue;
    out[key] = openSchema(value);
  }
  return out;
}

function operation(spec: LoadedSpec, method: string): SpecOperation | undefined {
  const ops = spec.paths[`/${method}`];
  if (ops === undefined) return undefined;
  // Whatever verb the spec lists (views.* wrongly say GET), Slack accepts POST: take the one there is.
  return ops["post"] ?? ops["get"] ?? Object.values(ops)[0];
}

export function isKnownMethod(method: string): boolean {
  return specs().some((spec) => operation(spec, method) !== undefined);
}

/** Whether a parameter carries JSON (so a client sends an object or array JSON-encoded). */
export function isJsonParameter(method: string, name: string): boolean {
  if (JSON_PARAMETERS_NOT_IN_SPEC.has(name)) return true;
  return specs().some((spec) => {
    const parameter = operation(spec, method)?.parameters?.find((p) => p.name === name);
    return parameter?.["x-json"] === true;
  });
}

// ---------------------------------------------------------------------------------------------------
// ajv: lenient (draft-04 style Swagger schemas, unknown formats and keywords tolerated)

let cachedAjv: Ajv | undefined;

function ajv(): Ajv {
  if (cachedAjv === undefined) {
    cachedAjv = new Ajv({ strict: false, allErrors: true, validateFormats: true, logger: false });
    addFormatsModule.default(cachedAjv);
  }
  return cachedAjv;
}

/** Validator for a spec schema with unknown fields allowed; refs resolve against the spec's definitions. */
function openValidator(spec: LoadedSpec, schema: JsonSchema): ValidateFunction {
  let validate = spec.validators.get(schema);
  if (validate === undefined) {
    spec.openDefinitions ??= openSchema(spec.definitions);
    const standalone = { ...(openSchema(schema) as JsonSchema), definitions: spec.openDefinitions };
    validate = ajv().compile(standalone);
    spec.validators.set(schema, validate);
  }
  return validate;
}

function describeAjvError(error: ErrorObject): string {
  const where = error.instancePath === "" ? "(root)" : error.instancePath;
  const detail =
    error.keyword === "enum"
      ? ` (${JSON.stringify((error.params as { allowedValues?: unknown }).allowedValues)})`
      : "";
  return `${where} ${error.message ?? error.keyword}${detail}`;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

function deref(spec: LoadedSpec, schema: JsonSchema): JsonSchema {
  const ref = schema["$ref"];
  if (typeof ref !== "string") return schema;
  const name = ref.replace("#/definitions/", "");
  const target = spec.definitions[name];
  if (target === undefined) throw new Error(`Slack spec (${spec.name}): unresolvable $ref ${ref}`);
  return deref(spec, target);
}

/**
 * Fields present in `value` that the (closed) spec schema does not list. Walked by hand rather than
 * with a strict ajv pass, because under anyOf a strict pass blames every alternative; here we follow
 * the alternative that actually matches.
 */
function unknownFields(
  spec: LoadedSpec,
  schema: JsonSchema,
  value: unknown,
  path: string,
  out: string[],
): void {
  const resolved = deref(spec, schema);
  const alternatives = resolved["anyOf"];
  if (Array.isArray(alternatives)) {
    const match = (alternatives as JsonSchema[]).find((alt) => openValidator(spec, alt)(value));
    if (match !== undefined) unknownFields(spec, match, value, path, out);
    return;
  }
  if (Array.isArray(value) && isObject(resolved["items"])) {
    for (const [index, item] of value.entries()) {
      unknownFields(spec, resolved["items"] as JsonSchema, item, `${path}/${index}`, out);
    }
    return;
  }
  if (!isObject(value)) return;
  const properties = isObject(resolved["properties"]) ? resolved["properties"] : {};
  for (const [key, child] of Object.entries(value)) {
    const childSchema = properties[key];
    if (isObject(childSchema)) unknownFields(spec, childSchema, child, `${path}/${key}`, out);
    else if (resolved["additionalProperties"] === false) out.push(`${path}/${key}`);
  }
}

function validateAgainst(spec: LoadedSpec, schema: JsonSchema, value: unknown, what: string): CheckResult {
  const validate = openValidator(spec, schema);
  // anyOf reports each alternative's failures; the same message can come from several of them.
  const prefix = what === "" ? "" : `${what} `;
  const errors = validate(value)
    ? []
    : unique((validate.errors ?? []).map((e) => `${prefix}${describeAjvError(e)}`));
  const extra: string[] = [];
  if (errors.length === 0) unknownFields(spec, schema, value, "", extra);
  const warnings = extra.map((field) => `${prefix}field ${field} is not in the 2021 spec`);
  return { errors, warnings };
}

// ---------------------------------------------------------------------------------------------------
// Requests

export interface CheckRequestOptions {
  /** Pass false when the call carried no token at all (header or parameter) to check the spec requires none. */
  hasToken?: boolean;
}

function isMissing(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

/** Wire-level type check: form values are strings, so "true" is a boolean and "42" an integer. */
function typeProblem(method: string, parameter: SpecParameter, value: unknown): string | undefined {
  const got = Array.isArray(value) ? "array" : value instanceof Uint8Array ? "binary" : typeof value;
  const scalar = typeof value === "string" || typeof value === "number" || typeof value === "boolean";
  switch (parameter.type) {
    case "boolean":
      if (typeof value === "boolean" || ["true", "false", "1", "0", 1, 0].includes(value as string | number))
        return undefined;
      return `parameter "${parameter.name}" must be a boolean (true/false/1/0), got ${JSON.stringify(value)}`;
    case "integer":
    case "number": {
      const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
      const ok =
        typeof n === "number" && Number.isFinite(n) && (parameter.type === "number" || Number.isInteger(n));
      return ok
        ? undefined
        : `parameter "${parameter.name}" must be ${parameter.type === "integer" ? "an integer" : "a number"}, got ${JSON.stringify(value)}`;
    }
    default: {
      // A string on the wire: scalars are fine; objects/arrays only where Slack expects JSON text.
      if (scalar || got === "binary") return undefined;
      if (isJsonParameter(method, parameter.name)) return undefined;
      return `parameter "${parameter.name}" must be a string, got ${got} ${JSON.stringify(value)}`;
    }
  }
}

const LOOKS_LIKE_JSON = /^\s*[[{]/;

/**
 * Methods Slack documents that the 2021 spec does not list, or lists as they were then: a call to
 * one the subset does not describe either is a warning (nothing to check it against), not a
 * violation. Any other unknown method is a mistake.
 */
const METHODS_AFTER_THE_SPEC = new Set([
  "apps.connections.open",
  ...Object.keys((readJson(AFTER_2021_FILE) as WebApiSpec).paths).map((path) => path.slice(1)),
]);

function unknownMethod(spec: LoadedSpec, method: string): CheckResult {
  const what =
    spec.name === "subset"
      ? `unknown method ${method} (not in tests/harness/slack-spec: add it to WEB_API_METHODS in slack-spec-subset.ts and run npm run spec:update)`
      : `unknown method ${method} (not in Slack's Web API spec)`;
  return METHODS_AFTER_THE_SPEC.has(method)
    ? { errors: [], warnings: [`${what}; documented by Slack since, so not checked`] }
    : { errors: [what], warnings: [] };
}

export function checkRequest(
  method: string,
  params: Record<string, unknown>,
  options: CheckRequestOptions = {},
): CheckResult {
  return everySpec((spec) => checkRequestIn(spec, method, params, options));
}

function checkRequestIn(
  spec: LoadedSpec,
  method: string,
  params: Record<string, unknown>,
  options: CheckRequestOptions,
): CheckResult {
  // A method Slack has changed since 2021 is checked against the hand-written description of it
  // as it is now (web-api-after-2021.json), not against the full 2021 one.
  if (spec.name === "full" && METHODS_AFTER_THE_SPEC.has(method)) return { errors: [], warnings: [] };
  const op = operation(spec, method);
  if (op === undefined) return unknownMethod(spec, method);
  const errors: string[] = [];
  const warnings: string[] = [];
  const parameters = (op.parameters ?? []).filter(
    (p) => p.in === "formData" || p.in === "query" || p.in === "header",
  );

  for (const parameter of parameters) {
    if (parameter.name === "token") {
      // The token travels in the Authorization header; only its total absence matters.
      if (parameter.required === true && options.hasToken === false)
        errors.push("missing token (Authorization header)");
      continue;
    }
    const value = params[parameter.name];
    if (isMissing(value)) {
      if (parameter.required === true) errors.push(`missing required parameter "${parameter.name}"`);
      continue;
    }
    const problem = typeProblem(method, parameter, value);
    if (problem !== undefined) errors.push(problem);
    else if (
      typeof value === "string" &&
      LOOKS_LIKE_JSON.test(value) &&
      !isJsonParameter(method, parameter.name)
    ) {
      warnings.push(
        `parameter "${parameter.name}" looks JSON-encoded (${value.slice(0, 40)}); Slack expects plain text here`,
      );
    }
  }

  const known = new Set(parameters.map((p) => p.name));
  for (const name of Object.keys(params)) {
    if (!known.has(name) && name !== "token")
      warnings.push(`parameter "${name}" is not in the 2021 spec of ${method}`);
  }

  // The only structure the spec gives blocks: an array of objects each with a string `type`.
  if (Array.isArray(params["blocks"])) {
    const blocks = validateAgainst(
      spec,
      { $ref: "#/definitions/blocks" },
      params["blocks"],
      'parameter "blocks"',
    );
    errors.push(...blocks.errors);
  }
  return { errors, warnings };
}

// ---------------------------------------------------------------------------------------------------
// Responses

/** The spec's list of error codes for a method (from its `default` error schema), if it gives one. */
function knownErrorCodes(op: SpecOperation): string[] | undefined {
  const schema = op.responses["default"]?.schema;
  const properties =
    schema !== undefined && isObject(schema["properties"]) ? schema["properties"] : undefined;
  const error = properties?.["error"];
  return isObject(error) && Array.isArray(error["enum"]) ? (error["enum"] as string[]) : undefined;
}

function checkErrorResponse(method: string, op: SpecOperation, body: Record<string, unknown>): CheckResult {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (typeof body["error"] !== "string" || body["error"] === "")
    errors.push('error response without an "error" string');
  const codes = knownErrorCodes(op);
  if (typeof body["error"] === "string" && codes !== undefined && !codes.includes(body["error"])) {
    warnings.push(`error "${body["error"]}" is not among the 2021 spec's error codes of ${method}`);
  }
  return { errors, warnings };
}

export function checkResponse(method: string, body: unknown): CheckResult {
  return everySpec((spec) => checkResponseIn(spec, method, body));
}

function checkResponseIn(spec: LoadedSpec, method: string, body: unknown): CheckResult {
  const op = operation(spec, method);
  if (op === undefined) return unknownMethod(spec, method);
  if (!isObject(body))
    return { errors: [`response is not a JSON object: ${JSON.stringify(body)}`], warnings: [] };
  if (body["ok"] === false) return checkErrorResponse(method, op, body);
  const schema = op.responses["200"]?.schema;
  if (schema === undefined) return { errors: [], warnings: [`the spec has no 200 schema for ${method}`] };
  return validateAgainst(spec, schema, body, "");
}

// ---------------------------------------------------------------------------------------------------
// Events API envelope

/** Drops the deprecated `authed_users` (replaced by `authorizations`) from a schema's `required`. */
function withoutAuthedUsers(schema: JsonSchema): JsonSchema {
  const required = Array.isArray(schema["required"]) ? (schema["required"] as string[]) : [];
  return { ...schema, required: required.filter((field) => field !== "authed_users") };
}

/** The Events API wrapper schema (the committed copy), minus the deprecated `authed_users` requirement. */
export function eventWrapperSchema(): JsonSchema {
  return withoutAuthedUsers(readJson(join(SUBSET_DIR, "event-wrapper.json")) as JsonSchema);
}

let cachedEnvelopeValidators: ValidateFunction[] | undefined;
let cachedEventPayloads: Record<string, ValidateFunction> | undefined;

function envelopeValidators(): ValidateFunction[] {
  if (cachedEnvelopeValidators === undefined) {
    cachedEnvelopeValidators = [ajv().compile(eventWrapperSchema())];
    const full = fullSpecsDir();
    if (full !== undefined) {
      const schema = withoutAuthedUsers(readJson(join(full, EVENT_WRAPPER_FILE)) as JsonSchema);
      cachedEnvelopeValidators.push(ajv().compile(schema));
    }
  }
  return cachedEnvelopeValidators;
}

/**
 * The AsyncAPI payloads were generated each from one example event, and every field of that example
 * became required (the `message` topic requires `deleted_ts`, from a message_deleted example). So
 * their `required` lists are dropped: the payloads check the types of the fields an event has.
 */
function withoutRequired(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutRequired);
  if (!isObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "required" && Array.isArray(value)) continue;
    out[key] = withoutRequired(value);
  }
  return out;
}

/** The payload schema of each event the bot subscribes to, by event type (`app_uninstalled`). */
function eventPayloadValidators(): Record<string, ValidateFunction> {
  if (cachedEventPayloads === undefined) {
    const { topics, components } = readJson(join(SUBSET_DIR, "events-api.json")) as {
      topics: Record<string, JsonSchema>;
      components: unknown;
    };
    cachedEventPayloads = {};
    for (const [topic, payload] of Object.entries(topics)) {
      // AsyncAPI names topics with dots; a topic without a sub-type ("message") is the event type.
      if (topic.startsWith("message.")) continue;
      cachedEventPayloads[topic.replaceAll(".", "_")] = ajv().compile({
        ...(withoutRequired(openSchema(payload)) as JsonSchema),
        // Payloads refer to the shared wrapper there.
        components: withoutRequired(openSchema(components)),
      });
    }
  }
  return cachedEventPayloads;
}

export function checkEventEnvelope(envelope: unknown): CheckResult {
  const errors: string[] = [];
  for (const validate of envelopeValidators()) {
    if (!validate(envelope))
      errors.push(...(validate.errors ?? []).map((e) => `event envelope ${describeAjvError(e)}`));
  }
  const event = isObject(envelope) && isObject(envelope["event"]) ? envelope["event"] : undefined;
  const type = typeof event?.["type"] === "string" ? (event["type"] as string) : undefined;
  const payload = type === undefined ? undefined : eventPayloadValidators()[type];
  if (payload !== undefined && !payload(envelope)) {
    errors.push(...(payload.errors ?? []).map((e) => `${type} event ${describeAjvError(e)}`));
  }
  return { errors: unique(errors), warnings: [] };
}
