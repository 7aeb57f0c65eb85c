/**
 * Where the bot's CPU went, from a V8 CPU profile (`npm run bench -- --profile`): each sample goes
 * to the nearest frame on its stack whose file says who it belongs to (Lastword's code, the pg
 * driver, Bolt). Stacks are cut at every `await`, so a share of native and Node-internal time
 * cannot be attributed and is shown as such.
 */
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
}

const OWNERS: Array<[RegExp, string]> = [
  [/\/node_modules\/pg(-[a-z]+)?\//, "bot: pg driver"],
  [/@slack\/(bolt|web-api|logger|types)|\/axios\/|\/raw-body\/|\/tsscmp\//, "bot: Bolt and Web API client"],
  [/\/(src|dist)\//, "bot: Lastword's own code"],
  [/\/tests\/harness\/|\/ajv|json-schema-traverse/, "fake Slack (incl. its OpenAPI checks)"],
  [/\/bench\//, "load generator"],
];

export function attribute(profile: CpuProfile): Array<{ owner: string; share: number }> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const time = new Map<number, number>();
  for (const [i, id] of profile.samples.entries())
    time.set(id, (time.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const totals = new Map<string, number>();
  let all = 0;
  for (const [id, t] of time) {
    all += t;
    const leaf = byId.get(id)!;
    let owner: string | undefined;
    if (leaf.callFrame.functionName === "(idle)") owner = "idle";
    else if (leaf.callFrame.functionName === "(garbage collector)") owner = "garbage collector";
    for (let cur: number | undefined = id; owner === undefined && cur !== undefined; cur = parent.get(cur)) {
      const url = byId.get(cur)!.callFrame.url;
      owner = OWNERS.find(([re]) => re.test(url))?.[1];
    }
    owner ??= /undici/.test(leaf.callFrame.url)
      ? "unattributed: fetch (undici)"
      : leaf.callFrame.url
        ? "unattributed: Node internals"
        : "unattributed: native";
    totals.set(owner, (totals.get(owner) ?? 0) + t);
  }
  return [...totals]
    .map(([owner, t]) => ({ owner, share: Math.round((t / Math.max(all, 1)) * 1000) / 10 }))
    .sort((a, b) => b.share - a.share);
}
