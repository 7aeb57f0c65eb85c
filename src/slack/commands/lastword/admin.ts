import { grantAdmin, revokeAdmin, type Actor } from "../../../usecases/manage-roster.ts";
import type { SlackDeps } from "../../deps.ts";
import type { Voices } from "../../locale.ts";
import type { LastwordCommand } from "./parse.ts";
import { privately, type Reply } from "./reply.ts";
import { changed } from "./roster.ts";

type AdminCommand = Extract<LastwordCommand, { kind: `admin.${string}` }>;

export async function adminReply(
  cmd: AdminCommand,
  actor: Actor,
  deps: SlackDeps,
  voices: Voices,
): Promise<Reply> {
  switch (cmd.kind) {
    case "admin.list": {
      const tr = voices.reader;
      const { admins } = await deps.teams.load(actor);
      return privately(tr("admin.list", { admins: admins.map((a) => `<@${a}>`).join(", ") || "-" }));
    }
    case "admin.add":
      return changed(await grantAdmin(deps.teams, actor, cmd.userId), voices, cmd.userId, (tr) =>
        tr("admin.added", { user: cmd.userId }),
      );
    case "admin.remove":
      return changed(await revokeAdmin(deps.teams, actor, cmd.userId), voices, cmd.userId, (tr) =>
        tr("admin.removed", { user: cmd.userId }),
      );
  }
}
