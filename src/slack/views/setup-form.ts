import type { App } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import { PRINCIPAL_POLICY_NAMES } from "../../domain/roster/powers.ts";
import type { RosterEntry } from "../../domain/roster/rules.ts";
import { isKnownCalendar } from "../../calendars/working-days.ts";
import { SUPPORTED_LOCALES } from "../../i18n/locales.ts";
import type { MessageKey, Params, Translate } from "../../i18n/translate.ts";
import { setUpTeam, type ChangeOutcome } from "../../usecases/manage-roster.ts";
import { balanceWarningLines, rosterBlocks } from "../blocks/roster-view.ts";
import {
  MAX_SETUP_MEMBERS,
  MAX_TITLE,
  memberField,
  SETUP_MEMBERS_FORM,
  SETUP_SETTINGS_FORM,
  setupMembersForm,
  type SetupSettings,
} from "../blocks/setup-form.ts";
import {
  parseCalendarWord,
  parseLanguage,
  parsePowers,
  parseRank,
  parseTeamName,
  parseTimezone,
  type Parsed,
} from "../commands/lastword/parse.ts";
import { refusal } from "../commands/lastword/reply.ts";
import type { SlackDeps } from "../deps.ts";
import { channelTranslator, translatorFor } from "../locale.ts";
import { escapeMrkdwn } from "../mrkdwn.ts";
import { parseMetadata } from "./metadata.ts";

const textValue = z.object({ value: z.object({ value: z.string().nullish() }) });
const optionValue = z.object({
  value: z.object({ selected_option: z.object({ value: z.string() }).nullish() }),
});

const settingsSubmission = z.object({
  user: z.object({ id: z.string() }),
  team: z.object({ id: z.string() }).nullable(),
  view: z.object({
    private_metadata: z.string(),
    state: z.object({
      values: z.object({
        name: textValue,
        language: optionValue,
        timezone: textValue,
        calendar: textValue,
        policy: optionValue,
        members: z.object({ value: z.object({ selected_users: z.array(z.string()).nullish() }) }),
      }),
    }),
  }),
});

const membersSubmission = z.object({
  user: z.object({ id: z.string() }),
  team: z.object({ id: z.string() }).nullable(),
  view: z.object({
    private_metadata: z.string(),
    state: z.object({
      values: z.record(
        z.string(),
        z.object({
          value: z.object({
            value: z.string().nullish(),
            selected_options: z.array(z.object({ value: z.string() })).nullish(),
          }),
        }),
      ),
    }),
  }),
});

/** What step 1 hands step 2 in private_metadata (only the app writes it; still checked). */
const membersContext = z.object({
  channelId: z.string().min(1),
  settings: z.object({
    name: z.string().max(MAX_TITLE).nullable(),
    locale: z.enum(SUPPORTED_LOCALES),
    timezone: z.string().min(1),
    calendar: z.string().nullable(),
    policy: z.enum(PRINCIPAL_POLICY_NAMES),
  }),
  userIds: z.array(z.string().min(1)).min(1).max(MAX_SETUP_MEMBERS),
  isNew: z.boolean(),
});

const words = (tr: Translate, parsed: { key: MessageKey; params?: Params | undefined }) =>
  tr(parsed.key, parsed.params);

/**
 * The setup form (`/lastword` in a channel with no team, `/lastword roster edit`): step 1 checks
 * the settings and the members chosen, then turns into step 2; step 2 saves everything at once
 * through the same rules as the commands. Every refusal is shown next to its field; nothing is
 * recorded until all are fixed. Saving answers privately with the new roster, and the channel gets
 * one notice of the whole change.
 */
export function registerSetupForm(app: App, deps: SlackDeps): void {
  app.view(SETUP_SETTINGS_FORM, async ({ ack, body }) => {
    const parsed = settingsSubmission.safeParse(body);
    const meta = parsed.success
      ? z.object({ channelId: z.string().min(1) }).safeParse(parseMetadata(parsed.data.view.private_metadata))
      : undefined;
    if (!parsed.success || !parsed.data.team || !meta?.success) {
      deps.log.warn("malformed setup form (settings)");
      return void (await ack());
    }
    const { user, team, view } = parsed.data;
    const ref = { workspaceId: team.id, channelId: meta.data.channelId };
    const before = await deps.teams.load(ref);
    const tr = await translatorFor(deps, team.id, user.id, before.settings.locale);
    const values = view.state.values;
    const errors: Record<string, string> = {};
    const check = <T>(block: string, result: Parsed<T>): T | undefined => {
      if (result.ok) return result.value;
      errors[block] ??= words(tr, result.error);
      return undefined;
    };
    const nameText = values.name.value.value?.trim() ?? "";
    const name = nameText === "" ? null : check("name", parseTeamName(nameText));
    const locale = check("language", parseLanguage(values.language.value.selected_option?.value));
    const timezone = check("timezone", parseTimezone(values.timezone.value.value?.trim() ?? undefined));
    const calendarText = values.calendar.value.value?.trim() ?? "";
    const calendar = calendarText === "" ? null : check("calendar", parseCalendarWord(calendarText));
    if (calendar && !(await isKnownCalendar(calendar)))
      errors.calendar = tr("error.unknownCalendar", { calendar });
    const policy = PRINCIPAL_POLICY_NAMES.find((p) => p === values.policy.value.selected_option?.value);
    const userIds = [...new Set(values.members.value.selected_users ?? [])];
    const membersError = await checkMembers(deps, team.id, userIds, tr);
    if (membersError) errors.members = membersError;
    // Only an admin changes a team that exists; whoever sets up a new one becomes its first admin.
    if (before.exists && !before.admins.includes(user.id))
      errors.members = tr("error.notAdmin", { admins: before.admins.map((a) => `<@${a}>`).join(", ") });
    if (Object.keys(errors).length > 0 || !locale || !timezone || !policy)
      return void (await ack({ response_action: "errors", errors }));
    const settings: SetupSettings = {
      name: name ?? null,
      locale,
      timezone,
      calendar: calendar ?? null,
      policy,
    };
    await ack({
      response_action: "update",
      view: setupMembersForm(
        { channelId: ref.channelId, settings, userIds, current: before.members, isNew: !before.exists },
        tr,
      ),
    });
  });

  app.view(SETUP_MEMBERS_FORM, async ({ ack, body, client }) => {
    const parsed = membersSubmission.safeParse(body);
    const meta = parsed.success
      ? membersContext.safeParse(parseMetadata(parsed.data.view.private_metadata))
      : undefined;
    if (!parsed.success || !parsed.data.team || !meta?.success) {
      deps.log.warn("malformed setup form (members)");
      return void (await ack());
    }
    const { user, team, view } = parsed.data;
    const { channelId, settings, userIds } = meta.data;
    const actor = { workspaceId: team.id, channelId, userId: user.id };
    const tr = await translatorFor(deps, team.id, user.id, settings.locale);
    const values = view.state.values;
    const errors: Record<string, string> = {};
    const roster: RosterEntry[] = [];
    for (const userId of userIds) {
      const fields = {
        rank: memberField.rank(userId),
        title: memberField.title(userId),
        powers: memberField.powers(userId),
      };
      const rank = parseRank(values[fields.rank]?.value.value?.trim() || undefined);
      if (!rank.ok) errors[fields.rank] = words(tr, rank.error);
      const title = values[fields.title]?.value.value?.trim() || null;
      if (title && title.length > MAX_TITLE)
        errors[fields.title] = tr("setup.error.titleTooLong", { max: MAX_TITLE });
      const powers = parsePowers((values[fields.powers]?.value.selected_options ?? []).map((o) => o.value));
      if (!powers.ok) errors[fields.powers] = words(tr, powers.error);
      if (rank.ok && powers.ok) roster.push({ userId, rank: rank.value, title, powers: powers.value });
    }
    if (Object.keys(errors).length > 0) return void (await ack({ response_action: "errors", errors }));

    const outcome = await setUpTeam(deps.teams, actor, { settings, roster });
    if (!outcome.ok) {
      const shown =
        "memberErrors" in outcome
          ? Object.fromEntries(
              outcome.memberErrors.map(({ userId, error }) => [
                error.code === "principalPowerBarred" ? memberField.powers(userId) : memberField.rank(userId),
                // In the form a rank is not moved aside (no --shift): two members were given one rank.
                error.code === "rankTaken"
                  ? tr("setup.error.rankTaken", error.params)
                  : refusal(error, tr).text,
              ]),
            )
          : { [memberField.rank(userIds[0]!)]: refusal(outcome.error, tr).text };
      return void (await ack({ response_action: "errors", errors: shown }));
    }
    await ack();
    await announceSetup(deps, client, outcome, actor, tr).catch((err: unknown) =>
      deps.log.error("could not announce the team's setup", { err, channelId }),
    );
  });
}

/** Who may sit on the team: people of this workspace, not bots, at most as many as the form holds. */
async function checkMembers(
  deps: SlackDeps,
  workspaceId: string,
  userIds: readonly string[],
  tr: Translate,
): Promise<string | undefined> {
  if (userIds.length === 0) return tr("setup.error.noMembers");
  if (userIds.length > MAX_SETUP_MEMBERS) return tr("setup.error.tooManyMembers", { max: MAX_SETUP_MEMBERS });
  const users = await Promise.all(userIds.map((id) => deps.users.find(workspaceId, id)));
  for (const [i, found] of users.entries()) {
    if (!found || found.deleted) return tr("error.userNotFound", { user: userIds[i]! });
    if (found.isBot) return tr("error.userIsBot", { user: userIds[i]! });
  }
  return undefined;
}

/** The change in a few lines: who joined, left or changed, which settings changed, new warnings. */
export function setupChangeLines(
  outcome: Extract<ChangeOutcome, { ok: true }>,
  actorId: string,
  tr: Translate,
): string[] {
  const { before, team: after } = outcome;
  const old = new Map(before.members.map((m) => [m.userId, m]));
  const now = new Set(after.members.map((m) => m.userId));
  const mentions = (ids: string[]) => tr.list(ids.map((id) => `<@${id}>`));
  const joined = after.members.filter((m) => !old.has(m.userId)).map((m) => m.userId);
  const left = before.members.filter((m) => !now.has(m.userId)).map((m) => m.userId);
  const changed = after.members
    .filter((m) => {
      const was = old.get(m.userId);
      return was && (was.rank !== m.rank || was.title !== m.title || was.powers.join() !== m.powers.join());
    })
    .map((m) => m.userId);
  const b = before.settings;
  const a = after.settings;
  const beforeWarnings = new Set(balanceWarningLines(before, tr));
  const lines = [
    ...(joined.length ? [tr("setup.joined", { users: mentions(joined) })] : []),
    ...(left.length ? [tr("setup.left", { users: mentions(left) })] : []),
    ...(changed.length ? [tr("setup.membersChanged", { users: mentions(changed) })] : []),
    ...(a.name !== b.name && a.name ? [tr("team.nameSet", { name: escapeMrkdwn(a.name) })] : []),
    ...(a.locale !== b.locale && (a.locale === "en" || a.locale === "zh-CN")
      ? [tr("team.languageSet", { language: tr(`team.language.${a.locale}`) })]
      : []),
    ...(a.timezone !== b.timezone && a.timezone ? [tr("team.timezoneSet", { timezone: a.timezone })] : []),
    ...(a.calendar !== b.calendar
      ? [a.calendar ? tr("team.calendarSet", { calendar: a.calendar }) : tr("team.calendarNone")]
      : []),
    ...(a.policy !== b.policy ? [tr("policy.set", { policy: tr(`policy.${a.policy}`) })] : []),
    ...balanceWarningLines(after, tr).filter((line) => !beforeWarnings.has(line)),
  ];
  if (lines.length === 0) return [];
  return [tr(outcome.becameFirstAdmin ? "setup.created" : "setup.changed", { user: actorId }), ...lines];
}

/** The saver is answered privately with the new roster; the channel hears of the change once. */
async function announceSetup(
  deps: SlackDeps,
  client: WebClient,
  outcome: Extract<ChangeOutcome, { ok: true }>,
  actor: { channelId: string; userId: string },
  tr: Translate,
): Promise<void> {
  const mine = setupChangeLines(outcome, actor.userId, tr);
  if (outcome.becameFirstAdmin) mine.push(tr("roster.firstAdmin"));
  const summary = mine.length ? mine : [tr("setup.nothingChanged")];
  const view = rosterBlocks(outcome.team, actor.channelId, tr, { warnings: false });
  await client.chat.postEphemeral({
    channel: actor.channelId,
    user: actor.userId,
    text: [...summary, view.text].join("\n"),
    blocks: [{ type: "section", text: { type: "mrkdwn", text: summary.join("\n") } }, ...view.blocks],
  });
  const notice = setupChangeLines(
    outcome,
    actor.userId,
    channelTranslator(deps, outcome.team.settings.locale),
  );
  if (notice.length) await client.chat.postMessage({ channel: actor.channelId, text: notice.join("\n") });
}
