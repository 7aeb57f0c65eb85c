import type { sealEn } from "./seal.en.ts";

// 密封投票与议题链：核验的新发现，以及留存在数据库之外的哈希。
export const sealZhCN: Record<keyof typeof sealEn, string> = {
  "ledger.verify.reason.unlinked": "其第一条记录无法追溯到前一个议题：前一个议题已被删除或改写（unlinked）",
  "ledger.verify.reason.projection": "议题的记录与其台账条目不符：其后的条目已被删除（projection）",
  "ledger.verify.reason.tally": "表决结果与此前记录的投票不符（tally）",
  "ledger.verify.reason.ballots": "无记名投票的票数合计与投出的选票数不符（ballots）",
  "ledger.verify.uncounted":
    ":rotating_light: 本班子共开始过 {recorded} 个议题，但台账止于第 {found} 号：最新的议题已被删除。",

  "ledger.verify.hashFound":
    ":white_check_mark: 现有记录仍能得出 `{hash}`：它是第 {number} 号议题的第 {seq} 条记录，所在哈希链完整。",
  "ledger.verify.hashNotFound":
    ":rotating_light: 现有记录已无法得出 `{hash}`：完整的哈希链中没有这一哈希。如该哈希是从本频道发布的会议纪要中复制的，说明记录此后已被改动。",
  "ledger.verify.hashInvalid":
    "这不是台账哈希。请复制议题会议纪要末尾的 64 位字符（0-9、a-f），例如 `/lastword ledger verify 3f9a…`。",

  "ledger.minutes.finalHash":
    "第 {number} 号议题的记录止于 `{hash}`。请您留存：日后输入 `/lastword ledger verify {hash}`，即可核验记录是否仍能得出这一哈希。",
};
