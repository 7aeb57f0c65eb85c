import type { types } from "@slack/bolt";
import type { Member } from "../../domain/roster/member.ts";
import { KEY_POWERS, PRINCIPAL_POLICY_NAMES, type PrincipalPolicy } from "../../domain/roster/powers.ts";
import { SUPPORTED_LOCALES, type Locale } from "../../i18n/locales.ts";
import type { Translate } from "../../i18n/translate.ts";
import { plain } from "./modals.ts";

type View = types.ModalView;

/** Step 1 (settings and who is on the team), then step 2 (each member's rank, title, powers). */
export const SETUP_SETTINGS_FORM = "lastword_setup";
export const SETUP_MEMBERS_FORM = "lastword_setup_members";

/** Four blocks a member and Slack's 100 blocks a view: a leadership team is far smaller. */
export const MAX_SETUP_MEMBERS = 20;
export const MAX_TITLE = 80;

/** The settings the first step asks for, as it shows them (and as the second step carries them). */
export interface SetupSettings {
  name: string | null;
  locale: Locale;
  timezone: string;
  calendar: string | null;
  policy: PrincipalPolicy;
}

/** What the second step needs besides the settings: who, in which channel, and what they hold now. */
export interface SetupMembers {
  channelId: string;
  settings: SetupSettings;
  userIds: string[];
  /** Current members keep their rank, title and powers as the starting values. */
  current: readonly Member[];
  isNew: boolean;
}

/** Block IDs of one member's fields in step 2. */
export const memberField = {
  rank: (userId: string) => `rank_${userId}`,
  title: (userId: string) => `title_${userId}`,
  powers: (userId: string) => `powers_${userId}`,
};

const title = (isNew: boolean, tr: Translate) =>
  plain(tr(isNew ? "setup.title" : "setup.editTitle").slice(0, 24));

export function setupSettingsForm(
  channelId: string,
  settings: SetupSettings,
  memberIds: readonly string[],
  isNew: boolean,
  tr: Translate,
): View {
  const option = (text: string, value: string) => ({ text: plain(text.slice(0, 75)), value });
  const languages = SUPPORTED_LOCALES.map((l) => option(tr(`team.language.${l}`), l));
  const policies = PRINCIPAL_POLICY_NAMES.map((p) => option(tr(`setup.policy.${p}`), p));
  return {
    type: "modal",
    callback_id: SETUP_SETTINGS_FORM,
    private_metadata: JSON.stringify({ channelId }),
    title: title(isNew, tr),
    submit: plain(tr("setup.next")),
    close: plain(tr("setup.cancel")),
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: tr("setup.intro") } },
      {
        type: "input",
        block_id: "name",
        optional: true,
        label: plain(tr("setup.fieldName")),
        element: {
          type: "plain_text_input",
          action_id: "value",
          max_length: MAX_TITLE,
          ...(settings.name ? { initial_value: settings.name } : {}),
        },
      },
      {
        type: "input",
        block_id: "language",
        label: plain(tr("setup.fieldLanguage")),
        element: {
          type: "static_select",
          action_id: "value",
          options: languages,
          initial_option: languages.find((o) => o.value === settings.locale)!,
        },
      },
      {
        type: "input",
        block_id: "timezone",
        label: plain(tr("setup.fieldTimezone")),
        hint: plain(tr("setup.timezoneHint")),
        element: { type: "plain_text_input", action_id: "value", initial_value: settings.timezone },
      },
      {
        type: "input",
        block_id: "calendar",
        optional: true,
        label: plain(tr("setup.fieldCalendar")),
        hint: plain(tr("setup.calendarHint")),
        element: {
          type: "plain_text_input",
          action_id: "value",
          max_length: 8,
          ...(settings.calendar ? { initial_value: settings.calendar } : {}),
        },
      },
      {
        type: "input",
        block_id: "policy",
        label: plain(tr("setup.fieldPolicy")),
        element: {
          type: "static_select",
          action_id: "value",
          options: policies,
          initial_option: policies.find((o) => o.value === settings.policy)!,
        },
      },
      {
        type: "input",
        block_id: "members",
        label: plain(tr("setup.fieldMembers")),
        hint: plain(tr("setup.membersHint")),
        element: {
          type: "multi_users_select",
          action_id: "value",
          max_selected_items: MAX_SETUP_MEMBERS,
          ...(memberIds.length ? { initial_users: [...memberIds] } : {}),
        },
      },
    ],
  };
}

/** Step 2: each member's rank, title and key powers, starting from what they hold now. */
export function setupMembersForm(model: SetupMembers, tr: Translate): View {
  const current = new Map(model.current.map((m) => [m.userId, m]));
  const taken = new Set(model.userIds.flatMap((u) => (current.has(u) ? [current.get(u)!.rank] : [])));
  let nextRank = 1;
  const freeRank = () => {
    while (taken.has(nextRank)) nextRank++;
    taken.add(nextRank);
    return nextRank;
  };
  const powerOption = (p: string) => ({
    text: plain(tr(`power.${p}` as Parameters<Translate>[0])),
    value: p,
  });
  const blocks: types.KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: tr("setup.membersIntro") } },
  ];
  for (const userId of model.userIds) {
    const member = current.get(userId);
    const powers = member?.powers ?? [];
    blocks.push(
      { type: "section", text: { type: "mrkdwn", text: `*<@${userId}>*` } },
      {
        type: "input",
        block_id: memberField.rank(userId),
        label: plain(tr("setup.fieldRank")),
        element: {
          type: "plain_text_input",
          action_id: "value",
          max_length: 4,
          initial_value: String(member?.rank ?? freeRank()),
        },
      },
      {
        type: "input",
        block_id: memberField.title(userId),
        optional: true,
        label: plain(tr("setup.fieldTitle")),
        element: {
          type: "plain_text_input",
          action_id: "value",
          max_length: MAX_TITLE,
          ...(member?.title ? { initial_value: member.title } : {}),
        },
      },
      {
        type: "input",
        block_id: memberField.powers(userId),
        optional: true,
        label: plain(tr("setup.fieldPowers")),
        element: {
          type: "multi_static_select",
          action_id: "value",
          options: KEY_POWERS.map(powerOption),
          ...(powers.length ? { initial_options: powers.map(powerOption) } : {}),
        },
      },
    );
  }
  return {
    type: "modal",
    callback_id: SETUP_MEMBERS_FORM,
    private_metadata: JSON.stringify({
      channelId: model.channelId,
      settings: model.settings,
      userIds: model.userIds,
      isNew: model.isNew,
    }),
    title: title(model.isNew, tr),
    submit: plain(tr("setup.save")),
    close: plain(tr("setup.cancel")),
    blocks,
  };
}
