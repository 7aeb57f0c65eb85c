// Block Kit and mrkdwn as the playground shows them. Everything is built with DOM nodes and
// textContent, never from HTML strings: no text a person or the bot wrote can become markup.

/** @typedef {{ users: Map<string, {name: string, realName: string}>, channels: Map<string, string>, timezone: string, language: string, tr: (key: string, params?: Record<string, string|number>) => string, onAction?: (element: any, blockId: string, extra: any) => void, form?: Record<string, Record<string, any>> }} Ctx */

const EMOJI = {
  arrow_forward: "▶️",
  ballot_box_with_ballot: "🗳️",
  double_vertical_bar: "⏸️",
  fast_forward: "⏩",
  heavy_minus_sign: "➖",
  hourglass: "⌛",
  large_orange_diamond: "🔶",
  no_entry_sign: "🚫",
  rotating_light: "🚨",
  see_no_evil: "🙈",
  snooze: "💤",
  warning: "⚠️",
  white_check_mark: "✅",
  white_circle: "⚪",
  x: "❌",
};

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Slack escapes &, < and > in message text; shown as the characters they stand for. */
function unescapeEntities(text) {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

function plainWithEmoji(text) {
  return unescapeEntities(text).replace(/:([a-z0-9_+-]+):/g, (whole, name) => EMOJI[name] ?? whole);
}

/** Slack's <!date^epoch^format|fallback>, in the viewer's timezone and language. */
export function formatDate(epochSeconds, format, ctx) {
  const at = new Date(Number(epochSeconds) * 1000);
  if (Number.isNaN(at.getTime())) return null;
  const locale = ctx.language === "zh-CN" ? "zh-CN" : "en-US";
  const fmt = (options) => new Intl.DateTimeFormat(locale, { timeZone: ctx.timezone, ...options }).format(at);
  const tokens = {
    date_num: () => fmt({ year: "numeric", month: "2-digit", day: "2-digit" }),
    date: () => fmt({ year: "numeric", month: "long", day: "numeric" }),
    date_short: () => fmt({ year: "numeric", month: "short", day: "numeric" }),
    date_long: () => fmt({ weekday: "long", year: "numeric", month: "long", day: "numeric" }),
    date_pretty: () => fmt({ year: "numeric", month: "long", day: "numeric" }),
    date_short_pretty: () => fmt({ year: "numeric", month: "short", day: "numeric" }),
    date_long_pretty: () => fmt({ weekday: "long", year: "numeric", month: "long", day: "numeric" }),
    time: () => fmt({ hour: "2-digit", minute: "2-digit", hourCycle: "h23" }),
    time_secs: () => fmt({ hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }),
    ago: () => fmt({ year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" }),
  };
  return format.replace(/\{(\w+)\}/g, (whole, name) => (tokens[name] ? tokens[name]() : whole));
}

/** One `<…>` token: a mention, a channel, a date, a special mention or a link. */
function angle(inner, ctx) {
  const [target, label] = splitOnce(inner, "|");
  if (target.startsWith("@")) {
    const id = target.slice(1);
    const user = ctx.users.get(id);
    return el("span", "mention", `@${user ? user.realName : (label ?? id)}`);
  }
  if (target.startsWith("#")) {
    const id = target.slice(1);
    return el("span", "mention", `#${ctx.channels.get(id) ?? label ?? id}`);
  }
  if (target.startsWith("!date^")) {
    const [, epoch, format] = target.split("^");
    const text = formatDate(epoch, format ?? "{date_short}", ctx);
    const node = el("time", "date", text ?? unescapeEntities(label ?? ""));
    if (text) node.dateTime = new Date(Number(epoch) * 1000).toISOString();
    return node;
  }
  if (target.startsWith("!")) return el("span", "mention", `@${target.slice(1).split("^")[0]}`);
  const href = unescapeEntities(target);
  if (/^(https?:|mailto:)/i.test(href)) {
    const a = el("a", "link", plainWithEmoji(label ?? target));
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }
  return document.createTextNode(unescapeEntities(`<${inner}>`));
}

function splitOnce(text, sep) {
  const at = text.indexOf(sep);
  return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

const INLINE =
  /<([^<>\n]+)>|`([^`\n]+)`|(?<![\w*])\*([^*\n]+)\*(?![\w*])|(?<![\w_])_([^_\n]+)_(?![\w_])|(?<![\w~])~([^~\n]+)~(?![\w~])/;

function inline(text, ctx, parent) {
  let rest = text;
  while (rest.length > 0) {
    const m = INLINE.exec(rest);
    if (!m) {
      parent.append(plainWithEmoji(rest));
      return;
    }
    if (m.index > 0) parent.append(plainWithEmoji(rest.slice(0, m.index)));
    if (m[1] !== undefined) parent.append(angle(m[1], ctx));
    else if (m[2] !== undefined) parent.append(el("code", "", unescapeEntities(m[2])));
    else {
      const tag = m[3] !== undefined ? "strong" : m[4] !== undefined ? "em" : "s";
      const node = el(tag);
      inline(m[3] ?? m[4] ?? m[5], ctx, node);
      parent.append(node);
    }
    rest = rest.slice(m.index + m[0].length);
  }
}

/** mrkdwn: code blocks, quotes, mentions, dates, links, bold, italic, strike, inline code, emoji. */
export function mrkdwn(text, ctx) {
  const root = el("div", "mrkdwn");
  const parts = String(text ?? "").split("```");
  parts.forEach((part, i) => {
    if (i % 2 === 1) {
      root.append(el("pre", "", unescapeEntities(part.replace(/^\n/, ""))));
      return;
    }
    const lines = part.split("\n");
    lines.forEach((line, n) => {
      const quote = /^(&gt;|>)\s?(.*)$/.exec(line);
      if (quote) {
        const q = el("blockquote");
        inline(quote[2], ctx, q);
        root.append(q);
        return;
      }
      const span = el("span");
      inline(line, ctx, span);
      root.append(span);
      if (n < lines.length - 1) root.append(el("br"));
    });
  });
  return root;
}

export function textObject(object, ctx) {
  if (!object) return el("span");
  if (object.type === "mrkdwn") return mrkdwn(object.text, ctx);
  return el("span", "plain", plainWithEmoji(String(object.text ?? "")));
}

function optionLabel(option) {
  return plainWithEmoji(String(option?.text?.text ?? option?.value ?? ""));
}

/** Interactive elements: in a message they act at once; in a form they fill the form's state. */
function element(node, blockId, ctx) {
  const act = (extra) => ctx.onAction?.(node, blockId, extra);
  const setForm = (value) => {
    if (!ctx.form) return;
    ctx.form[blockId] ??= {};
    ctx.form[blockId][node.action_id] = { type: node.type, ...value };
  };
  switch (node.type) {
    case "button": {
      const b = el(
        "button",
        `btn ${node.style ? `btn-${node.style}` : ""}`.trim(),
        plainWithEmoji(node.text?.text ?? ""),
      );
      b.type = "button";
      b.dataset.actionId = node.action_id ?? "";
      b.addEventListener("click", () => act({ value: node.value }));
      return b;
    }
    case "overflow": {
      const s = el("select", "overflow");
      s.dataset.actionId = node.action_id ?? "";
      s.setAttribute("aria-label", "⋯");
      s.append(new Option("⋯", ""));
      for (const o of node.options ?? []) s.append(new Option(optionLabel(o), o.value));
      s.addEventListener("change", () => {
        const option = (node.options ?? []).find((o) => o.value === s.value);
        if (option) act({ selected_option: option });
        s.value = "";
      });
      return s;
    }
    case "static_select":
    case "users_select": {
      const s = el("select", "select");
      s.dataset.actionId = node.action_id ?? "";
      s.append(
        new Option(
          node.placeholder?.text ? plainWithEmoji(node.placeholder.text) : ctx.tr("playground.choose"),
          "",
        ),
      );
      const options =
        node.type === "users_select"
          ? [...ctx.users.entries()]
              .filter(([, u]) => !u.isBot)
              .map(([id, u]) => ({ value: id, text: { type: "plain_text", text: u.realName } }))
          : [...(node.options ?? []), ...(node.option_groups ?? []).flatMap((g) => g.options ?? [])];
      for (const o of options) s.append(new Option(optionLabel(o), o.value));
      const initial = node.type === "users_select" ? node.initial_user : node.initial_option?.value;
      if (initial) s.value = initial;
      const pick = () => {
        const option = options.find((o) => o.value === s.value);
        return node.type === "users_select"
          ? { selected_user: s.value || null }
          : { selected_option: option ?? null };
      };
      if (ctx.form) setForm(pick());
      s.addEventListener("change", () => (ctx.form ? setForm(pick()) : act(pick())));
      return s;
    }
    case "multi_users_select": {
      const s = el("select", "select multi");
      s.multiple = true;
      s.dataset.actionId = node.action_id ?? "";
      for (const [id, u] of ctx.users) if (!u.isBot) s.append(new Option(u.realName, id));
      for (const o of s.options) o.selected = (node.initial_users ?? []).includes(o.value);
      const pick = () => ({ selected_users: [...s.selectedOptions].map((o) => o.value) });
      if (ctx.form) setForm(pick());
      s.addEventListener("change", () => (ctx.form ? setForm(pick()) : act(pick())));
      return s;
    }
    case "multi_static_select": {
      const s = el("select", "select multi");
      s.multiple = true;
      s.dataset.actionId = node.action_id ?? "";
      const options = [
        ...(node.options ?? []),
        ...(node.option_groups ?? []).flatMap((g) => g.options ?? []),
      ];
      for (const o of options) s.append(new Option(optionLabel(o), o.value));
      const initial = (node.initial_options ?? []).map((o) => o.value);
      for (const o of s.options) o.selected = initial.includes(o.value);
      const pick = () => ({
        selected_options: options.filter((o) => [...s.selectedOptions].some((x) => x.value === o.value)),
      });
      if (ctx.form) setForm(pick());
      s.addEventListener("change", () => (ctx.form ? setForm(pick()) : act(pick())));
      return s;
    }
    case "datepicker": {
      const d = el("input", "date");
      d.type = "date";
      d.dataset.actionId = node.action_id ?? "";
      if (node.initial_date) d.value = node.initial_date;
      const pick = () => ({ selected_date: d.value || null });
      if (ctx.form) setForm(pick());
      d.addEventListener("change", () => (ctx.form ? setForm(pick()) : act(pick())));
      return d;
    }
    case "radio_buttons": {
      const group = el("div", "radios");
      const name = `${blockId}-${node.action_id}`;
      for (const o of node.options ?? []) {
        const label = el("label", "radio");
        const input = el("input");
        input.type = "radio";
        input.name = name;
        input.value = o.value;
        input.checked = node.initial_option?.value === o.value;
        label.append(input, el("span", "", optionLabel(o)));
        input.addEventListener("change", () =>
          ctx.form ? setForm({ selected_option: o }) : act({ selected_option: o }),
        );
        group.append(label);
      }
      if (ctx.form) setForm({ selected_option: node.initial_option ?? null });
      return group;
    }
    case "plain_text_input":
    case "number_input":
    case "url_text_input": {
      const input = el(node.multiline ? "textarea" : "input", "text-input");
      if (!node.multiline)
        input.type =
          node.type === "number_input" ? "number" : node.type === "url_text_input" ? "url" : "text";
      input.dataset.actionId = node.action_id ?? "";
      if (node.placeholder?.text) input.placeholder = node.placeholder.text;
      if (node.initial_value) input.value = node.initial_value;
      if (node.max_length) input.maxLength = node.max_length;
      const pick = () => ({ value: input.value === "" ? null : input.value });
      if (ctx.form) setForm(pick());
      input.addEventListener("input", () => setForm(pick()));
      return input;
    }
    case "image": {
      const alt = el("span", "image-alt", node.alt_text ?? "");
      return alt;
    }
    case "mrkdwn":
    case "plain_text":
      return textObject(node, ctx);
    default:
      return el("span", "unsupported", `[${node.type}]`);
  }
}

export function renderBlocks(blocks, ctx) {
  const root = el("div", "blocks");
  for (const block of blocks ?? []) {
    const blockId = block.block_id ?? "";
    switch (block.type) {
      case "header":
        root.append(el("h3", "block-header", plainWithEmoji(block.text?.text ?? "")));
        break;
      case "divider":
        root.append(el("hr", "block-divider"));
        break;
      case "section": {
        const s = el("div", "block-section");
        const body = el("div", "section-body");
        if (block.text) body.append(textObject(block.text, ctx));
        if (block.fields?.length) {
          const fields = el("div", "section-fields");
          for (const f of block.fields) fields.append(textObject(f, ctx));
          body.append(fields);
        }
        s.append(body);
        if (block.accessory) s.append(element(block.accessory, blockId, ctx));
        root.append(s);
        break;
      }
      case "context": {
        const c = el("div", "block-context");
        for (const e of block.elements ?? []) c.append(element(e, blockId, ctx));
        root.append(c);
        break;
      }
      case "actions": {
        const a = el("div", "block-actions");
        for (const e of block.elements ?? []) a.append(element(e, blockId, ctx));
        root.append(a);
        break;
      }
      case "input": {
        const i = el("div", "block-input");
        i.dataset.blockId = blockId;
        const label = el("label", "input-label", plainWithEmoji(block.label?.text ?? ""));
        i.append(label, element(block.element ?? {}, blockId, ctx));
        if (block.hint) i.append(el("div", "input-hint", plainWithEmoji(block.hint.text ?? "")));
        const error = el("div", "input-error");
        error.dataset.blockId = blockId;
        i.append(error);
        root.append(i);
        break;
      }
      case "rich_text":
        // A person's message: its text is shown instead (the same words).
        break;
      default:
        root.append(el("div", "unsupported", `[${block.type}]`));
    }
  }
  return root;
}
