// The playground's page: what the member you act as sees in the local Slack, and what they do.
// It asks the server for that member's view a few times a second and redraws what changed.
import { el, mrkdwn, renderBlocks } from "./blocks.js";

const $ = (id) => document.getElementById(id);
const saved = new URLSearchParams(location.search);

const view = {
  as: saved.get("as") ?? localStorage.getItem("lastword.as") ?? "",
  place: saved.get("place") ?? "channel", // channel | dm | home
  channel: "",
  thread: "",
  strings: {},
  state: null,
  drawn: "",
  modalDrawn: "",
  form: {},
};

function tr(key, params = {}) {
  const language = view.state?.language ?? "en";
  const text = view.strings[language]?.[key] ?? view.strings.en?.[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

async function post(name, body) {
  const response = await fetch(`/playground/api/${name}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok || answer.error) {
    $("error").textContent = tr("playground.error", { error: answer.error ?? response.status });
  } else $("error").textContent = "";
  return answer;
}

function context() {
  const s = view.state;
  return {
    users: new Map(s.users.map((u) => [u.id, u])),
    channels: new Map(s.channels.map((c) => [c.id, c.name])),
    timezone: s.timezone,
    language: s.language,
    tr,
  };
}

function userName(id) {
  const user = view.state.users.find((u) => u.id === id);
  return user ? user.realName : id;
}

function timeOf(ts) {
  return new Intl.DateTimeFormat(view.state.language === "zh-CN" ? "zh-CN" : "en-US", {
    timeZone: view.state.timezone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(Number(ts) * 1000));
}

/** One message: who, when, its blocks (or its text), and what can be done with it. */
function messageNode(m, channel, options = {}) {
  const s = view.state;
  const node = el("article", `message${m.ephemeral ? " ephemeral" : ""}`);
  node.dataset.ts = m.ts;
  node.dataset.user = m.user;
  const meta = el("div", "meta");
  meta.append(el("span", "who", userName(m.user)));
  if (m.user === s.bot.id) meta.append(el("span", "badge", tr("playground.bot")));
  meta.append(el("span", "when", timeOf(m.ts)));
  if (m.edited) meta.append(el("span", "edited", tr("playground.edited")));
  if (m.ephemeral) meta.append(el("span", "only-you", tr("playground.onlyYou")));
  node.append(meta);
  const ctx = {
    ...context(),
    onAction: (element, blockId, extra) => {
      if (m.ephemeral) return;
      void post("action", {
        as: view.as,
        channel,
        messageTs: m.ts,
        actionId: element.action_id,
        blockId,
        action: { type: element.type, ...extra },
      });
    },
  };
  const fromBot = m.user === s.bot.id;
  if (fromBot && m.blocks?.length) node.append(renderBlocks(m.blocks, ctx));
  else node.append(mrkdwn(m.text, ctx));
  for (const file of m.files ?? []) {
    const link = el("a", "file-link", file.title || file.name);
    link.href = `/playground/files/${encodeURIComponent(file.id)}`;
    link.download = file.name;
    link.dataset.file = file.name;
    node.append(link);
  }
  if (!fromBot && m.user === view.as && !m.ephemeral) {
    const edit = el("button", "thread-link edit", tr("playground.edit"));
    edit.type = "button";
    edit.addEventListener("click", () => editMessage(node, m, channel));
    node.append(edit);
  }
  if (options.replies) {
    const link = el("button", "thread-link", tr("playground.replies", { count: options.replies }));
    link.type = "button";
    link.dataset.thread = m.ts;
    link.addEventListener("click", () => openThread(m.ts));
    node.append(link);
  } else if (options.threadable) {
    const link = el("button", "thread-link", tr("playground.openThread"));
    link.type = "button";
    link.dataset.thread = m.ts;
    link.addEventListener("click", () => openThread(m.ts));
    node.append(link);
  }
  return node;
}

function editMessage(node, m, channel) {
  const box = el("textarea", "text-input");
  box.value = m.text;
  const save = el("button", "btn btn-primary", tr("playground.save"));
  const cancel = el("button", "btn", tr("playground.cancel"));
  save.type = cancel.type = "button";
  const form = el("div", "composer");
  form.append(box, save, cancel);
  node.append(form);
  view.editing = true;
  save.addEventListener("click", async () => {
    view.editing = false;
    await post("edit", { as: view.as, channel, ts: m.ts, text: box.value });
    refresh(true);
  });
  cancel.addEventListener("click", () => {
    view.editing = false;
    refresh(true);
  });
}

function openThread(ts) {
  view.thread = ts;
  refresh(true);
  $("thread-composer").focus();
}

function drawChannel(channel) {
  const messages = view.state.messages[channel] ?? [];
  const top = messages.filter((m) => !m.threadTs);
  const list = $("messages");
  list.replaceChildren(
    ...top.map((m) => {
      const replies = messages.filter((r) => r.threadTs === m.ts).length;
      return messageNode(m, channel, { replies, threadable: m.user !== view.state.bot.id || replies === 0 });
    }),
  );
  const thread = $("thread");
  thread.hidden = view.thread === "";
  if (view.thread) {
    const parent = messages.find((m) => m.ts === view.thread);
    const replies = messages.filter((m) => m.threadTs === view.thread);
    $("thread-messages").replaceChildren(
      ...(parent ? [messageNode(parent, channel)] : []),
      ...replies.map((m) => messageNode(m, channel)),
    );
  }
}

function drawDm() {
  const { channel, messages } = view.state.dm;
  $("messages").replaceChildren(...messages.map((m) => messageNode(m, channel)));
  $("thread").hidden = true;
}

function drawHome() {
  const home = view.state.home;
  const box = el("div", "home");
  if (home) box.append(renderBlocks(home.blocks, context()));
  else box.append(el("p", "hint", tr("playground.homeEmpty")));
  const again = el("button", "btn", tr("playground.openHome"));
  again.type = "button";
  again.addEventListener("click", () => post("home", { as: view.as }));
  box.append(again);
  $("messages").replaceChildren(box);
  $("thread").hidden = true;
}

function drawModal() {
  const modal = view.state.modal;
  const key = modal ? JSON.stringify(modal) : "";
  if (key === view.modalDrawn) return;
  view.modalDrawn = key;
  $("modal").hidden = !modal;
  if (!modal) return;
  view.form = {};
  $("modal-title").textContent = modal.view.title?.text ?? "";
  $("modal-submit").textContent = modal.view.submit?.text ?? "OK";
  $("modal-submit").hidden = !modal.view.submit;
  $("modal-close").textContent = modal.view.close?.text ?? tr("playground.close");
  $("modal-body").replaceChildren(renderBlocks(modal.view.blocks, { ...context(), form: view.form }));
}

function drawChrome() {
  const s = view.state;
  document.documentElement.lang = s.language;
  // Whose view is drawn (the member switch fetches it first): tests wait on it.
  document.body.dataset.me = s.me;
  for (const node of document.querySelectorAll("[data-t]")) node.textContent = tr(node.dataset.t);
  $("language").value = s.language;
  $("clock").textContent = new Intl.DateTimeFormat(s.language === "zh-CN" ? "zh-CN" : "en-US", {
    timeZone: s.timezone,
    dateStyle: "medium",
    timeStyle: "short",
  }).format(new Date(s.clock));
  const actAs = $("act-as");
  const members = s.users.filter((u) => !u.isBot);
  if (
    actAs.options.length !== members.length ||
    [...actAs.options].some((o, i) => o.textContent !== members[i].realName)
  ) {
    actAs.replaceChildren(...members.map((u) => new Option(u.realName, u.id)));
  }
  actAs.value = view.as;
  const list = $("channel-list");
  list.replaceChildren(
    ...s.channels.map((c) => {
      const li = el("li");
      const b = el(
        "button",
        `nav${view.place === "channel" && view.channel === c.id ? " active" : ""}`,
        `# ${c.name}`,
      );
      b.type = "button";
      b.dataset.channel = c.id;
      b.addEventListener("click", () => {
        view.place = "channel";
        view.channel = c.id;
        view.thread = "";
        refresh(true);
      });
      li.append(b);
      return li;
    }),
  );
  $("open-dm").classList.toggle("active", view.place === "dm");
  $("open-home").classList.toggle("active", view.place === "home");
  const channelName = s.channels.find((c) => c.id === view.channel)?.name ?? "";
  $("pane-title").textContent =
    view.place === "channel"
      ? `# ${channelName}`
      : view.place === "dm"
        ? "Lastword"
        : `Lastword · ${tr("playground.appHome")}`;
  $("composer-form").hidden = view.place === "home";
  $("composer").placeholder =
    view.place === "dm"
      ? tr("playground.composerDm")
      : tr("playground.composerChannel", { channel: channelName });
  $("thread-composer").placeholder = tr("playground.composerThread");
}

async function refresh(force = false) {
  if (!view.as) return;
  const response = await fetch(`/playground/api/state?as=${encodeURIComponent(view.as)}`);
  if (!response.ok) {
    view.as = "";
    return start();
  }
  const text = await response.text();
  const key = `${text}|${view.place}|${view.channel}|${view.thread}`;
  if (!force && (key === view.drawn || view.editing)) return;
  view.drawn = key;
  view.state = JSON.parse(text);
  if (!view.channel) view.channel = view.state.channels[0]?.id ?? "";
  drawChrome();
  if (view.place === "dm") drawDm();
  else if (view.place === "home") drawHome();
  else drawChannel(view.channel);
  drawModal();
}

async function send(textarea, threadTs) {
  const text = textarea.value.trim();
  if (!text) return;
  textarea.value = "";
  const channel = view.place === "dm" ? view.state.dm.channel : view.channel;
  await post("send", { as: view.as, channel, text, ...(threadTs ? { threadTs } : {}) });
  refresh(true);
}

function wire() {
  $("composer-form").addEventListener("submit", (e) => {
    e.preventDefault();
    void send($("composer"));
  });
  $("thread-form").addEventListener("submit", (e) => {
    e.preventDefault();
    void send($("thread-composer"), view.thread);
  });
  for (const id of ["composer", "thread-composer"]) {
    $(id).addEventListener("keydown", (e) => {
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        $(id).form.requestSubmit();
      }
    });
  }
  $("close-thread").addEventListener("click", () => {
    view.thread = "";
    refresh(true);
  });
  $("act-as").addEventListener("change", () => {
    view.as = $("act-as").value;
    localStorage.setItem("lastword.as", view.as);
    view.modalDrawn = "";
    refresh(true);
  });
  $("language").addEventListener("change", async () => {
    await post("language", { language: $("language").value });
    refresh(true);
  });
  $("open-dm").addEventListener("click", () => {
    view.place = "dm";
    refresh(true);
  });
  $("open-home").addEventListener("click", async () => {
    view.place = "home";
    await post("home", { as: view.as });
    refresh(true);
  });
  $("clock-hour").addEventListener("click", () => post("clock", { hours: 1 }).then(() => refresh(true)));
  $("clock-day").addEventListener("click", () => post("clock", { hours: 24 }).then(() => refresh(true)));
  $("clock-quarter").addEventListener("click", () =>
    post("clock", { to: "next-quarter" }).then(() => refresh(true)),
  );
  $("modal-close").addEventListener("click", () =>
    post("close", { as: view.as, viewId: view.state.modal?.id ?? "" }).then(() => refresh(true)),
  );
  $("modal-submit").addEventListener("click", async () => {
    const modal = view.state.modal;
    if (!modal) return;
    for (const node of document.querySelectorAll(".input-error")) node.textContent = "";
    const answer = await post("submit", { as: view.as, viewId: modal.id, values: view.form });
    if (answer.errors) {
      for (const [blockId, message] of Object.entries(answer.errors)) {
        const node = document.querySelector(`.input-error[data-block-id="${CSS.escape(blockId)}"]`);
        if (node) node.textContent = String(message);
        else $("error").textContent = String(message);
      }
      return;
    }
    refresh(true);
  });
}

async function start() {
  view.strings = await (await fetch("/playground/api/strings")).json();
  if (!view.as) {
    // The first member in the roster's order: the principal of the demo team.
    const any = await fetch("/playground/api/state?as=U0DEMO0001");
    view.as = any.ok ? "U0DEMO0001" : "";
  }
  await refresh(true);
}

wire();
await start();
setInterval(() => void refresh(), 700);
