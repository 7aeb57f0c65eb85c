import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { z } from "zod";
import {
  dateLabel,
  escalationRecipients,
  localDate,
  quarterLabel,
  snoozeUntil,
  statusLabel,
} from "../../domain/checkin/index.ts";
import { CHECKIN_JOB_KINDS, jobKey, type CheckinJobPayload } from "../../usecases/checkins.ts";
import { translatorFor } from "../locale.ts";
import { answeredBlocks, cannotModal, CHECKIN_ACTIONS, CHECKIN_MODALS, doneModal } from "./blocks.ts";
import type { SlackDeps } from "../deps.ts";
import { answerOf } from "./jobs.ts";
import { leaderCheckin, messageFor } from "./view.ts";
import { checkinStatus } from "../../domain/checkin/status.ts";

const value = z
  .string()
  .regex(/^[A-Z0-9]+\|\d{4}-Q[1-4]$/)
  .transform((v) => {
    const [channelId, quarter] = v.split("|");
    return { channelId: channelId!, quarter: quarter! };
  });
const press = z.object({
  user: z.object({ id: z.string() }),
  team: z.object({ id: z.string() }).nullable(),
  trigger_id: z.string(),
  actions: z.array(z.object({ value })).min(1),
});
const submission = z.object({
  user: z.object({ id: z.string() }),
  team: z.object({ id: z.string() }).nullable(),
  view: z.object({
    private_metadata: value,
    state: z.object({
      values: z.record(
        z.string(),
        z.record(z.string(), z.object({ value: z.string().nullish(), selected_date: z.string().nullish() })),
      ),
    }),
  }),
});

/** The three answers under a check-in DM, and the two forms they open. */
export function registerCheckinAnswers(app: App, deps: SlackDeps): void {
  const context = async (workspaceId: string, userId: string, v: { channelId: string; quarter: string }) => {
    const ref = { workspaceId, channelId: v.channelId, userId, quarter: v.quarter };
    const team = await deps.teams.load(ref);
    const checkin = leaderCheckin(team, v.quarter, userId, deps.defaultTimezone);
    const row = await deps.checkins.find(ref);
    const tr = await translatorFor(deps, workspaceId, userId, team.settings.locale);
    return { ref, team, checkin, row, tr };
  };

  /** Done and "can't" are final: a second answer is told what the first was. */
  const alreadyAnswered = (ctx: Awaited<ReturnType<typeof context>>) =>
    ctx.row && (ctx.row.status === "done" || ctx.row.status === "cannot") && ctx.checkin
      ? ctx.tr("checkin.alreadyAnswered", {
          status: statusLabel(
            checkinStatus({ answer: answerOf(ctx.row), deadline: ctx.checkin.deadline }, deps.clock()),
            ctx.tr,
          ),
        })
      : undefined;

  for (const [actionId, form] of [
    [CHECKIN_ACTIONS.done, "done"],
    [CHECKIN_ACTIONS.cannot, "cannot"],
  ] as const) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, client, respond }) => {
      await ack();
      const parsed = press.safeParse(body);
      if (!parsed.success || !parsed.data.team)
        return deps.log.warn("malformed check-in button", { actionId });
      const { user, team, trigger_id: triggerId, actions } = parsed.data;
      const ctx = await context(team.id, user.id, actions[0]!.value);
      const answered = alreadyAnswered(ctx);
      if (answered)
        return void (await respond({ response_type: "ephemeral", replace_original: false, text: answered }));
      const v = `${actions[0]!.value.channelId}|${actions[0]!.value.quarter}`;
      const today = localDate(
        deps.clock(),
        (await deps.users.find(team.id, user.id))?.timezone ?? deps.defaultTimezone,
      );
      const iso = `${today.year}-${String(today.month).padStart(2, "0")}-${String(today.day).padStart(2, "0")}`;
      await client.views.open({
        trigger_id: triggerId,
        view: form === "done" ? doneModal(v, iso, ctx.tr) : cannotModal(v, ctx.tr),
      });
    });
  }

  for (const [actionId, choice] of [
    [CHECKIN_ACTIONS.snoozeDay, "day"],
    [CHECKIN_ACTIONS.snoozeWeek, "week"],
  ] as const) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, respond }) => {
      await ack();
      const parsed = press.safeParse(body);
      if (!parsed.success || !parsed.data.team) return deps.log.warn("malformed snooze button");
      const { user, team, actions } = parsed.data;
      const ctx = await context(team.id, user.id, actions[0]!.value);
      const answered = alreadyAnswered(ctx);
      if (answered || !ctx.row)
        return void (await respond({
          response_type: "ephemeral",
          replace_original: false,
          text: answered ?? ctx.tr("error.internal"),
        }));
      const timezone = (await deps.users.find(team.id, user.id))?.timezone ?? deps.defaultTimezone;
      const until = snoozeUntil(deps.clock(), choice, timezone);
      await deps.checkins.answer(ctx.ref, "snoozed", { snoozedUntil: until, at: deps.clock() });
      const payload: CheckinJobPayload = {
        channelId: ctx.ref.channelId,
        quarter: ctx.ref.quarter,
        userId: user.id,
      };
      await deps.jobs.schedule([
        {
          workspaceId: team.id,
          key: jobKey(ctx.ref.channelId, `checkin:${ctx.ref.quarter}:${user.id}:snooze:${until.getTime()}`),
          kind: CHECKIN_JOB_KINDS.snooze,
          dueAt: until,
          payload: { ...payload },
        },
      ]);
      const local = localDate(until, timezone);
      await respond({
        response_type: "ephemeral",
        replace_original: false,
        text: ctx.tr("checkin.snoozed", { date: dateLabel(local, ctx.tr) }),
      });
    });
  }

  app.view(CHECKIN_MODALS.done, async ({ ack, body, client }) => {
    const parsed = submission.safeParse(body);
    if (!parsed.success || !parsed.data.team) return void (await ack());
    const { user, team, view } = parsed.data;
    const values = view.state.values;
    const what = (values.what?.value?.value ?? "").trim();
    const date = values.date?.value?.selected_date ?? "";
    const link = (values.link?.value?.value ?? "").trim();
    const ctx = await context(team.id, user.id, view.private_metadata);
    if (!what)
      return void (await ack({
        response_action: "errors",
        errors: { what: ctx.tr("checkin.done.whatHint") },
      }));
    const recorded = await deps.checkins.answer(ctx.ref, "done", {
      answer: { what, date, ...(link ? { link } : {}) },
      at: deps.clock(),
    });
    if (!recorded)
      return void (await ack({
        response_action: "errors",
        errors: { what: alreadyAnswered(ctx) ?? ctx.tr("error.internal") },
      }));
    await ack();
    const quarter = ctx.checkin ? quarterLabel(ctx.checkin.quarter, ctx.tr) : ctx.ref.quarter;
    await showAnswer(client, ctx, ctx.tr("checkin.done.recorded", { quarter }));
  });

  app.view(CHECKIN_MODALS.cannot, async ({ ack, body, client }) => {
    const parsed = submission.safeParse(body);
    if (!parsed.success || !parsed.data.team) return void (await ack());
    const { user, team, view } = parsed.data;
    const reason = (view.state.values.reason?.value?.value ?? "").trim();
    const ctx = await context(team.id, user.id, view.private_metadata);
    if (!reason)
      return void (await ack({
        response_action: "errors",
        errors: { reason: ctx.tr("checkin.cannot.reason") },
      }));
    const recorded = await deps.checkins.answer(ctx.ref, "cannot", { answer: { reason }, at: deps.clock() });
    if (!recorded)
      return void (await ack({
        response_action: "errors",
        errors: { reason: alreadyAnswered(ctx) ?? ctx.tr("error.internal") },
      }));
    await ack();
    const quarter = ctx.checkin ? quarterLabel(ctx.checkin.quarter, ctx.tr) : ctx.ref.quarter;
    await showAnswer(client, ctx, ctx.tr("checkin.cannot.recorded", { quarter }));
    // The reason goes to the principal (and the discipline officer), who answer for the team.
    for (const recipient of escalationRecipients(ctx.team.members).filter((r) => r !== user.id)) {
      const tr = await translatorFor(deps, ctx.ref.workspaceId, recipient, ctx.team.settings.locale);
      await client.chat.postMessage({
        channel: recipient,
        text: tr("checkin.cannot.toPrincipal", {
          user: user.id,
          quarter,
          reason,
          channel: ctx.ref.channelId,
        }),
      });
    }
  });

  async function showAnswer(
    client: Parameters<Parameters<App["view"]>[1]>[0]["client"],
    ctx: Awaited<ReturnType<typeof context>>,
    text: string,
  ) {
    const row = await deps.checkins.find(ctx.ref);
    if (!row?.dmChannel || !row.messageTs || !ctx.checkin) return;
    await client.chat.update({
      channel: row.dmChannel,
      ts: row.messageTs,
      ...answeredBlocks(messageFor(ctx.checkin, ctx.tr), text),
    });
  }
}
