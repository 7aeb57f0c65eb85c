// Key powers (关键权力) a leader may hold in their portfolio. The Chinese names are the wording of
// the county rules this product comes from; both are accepted wherever a power is typed.
export const KEY_POWERS = [
  "finance", // 财务
  "personnel", // 人事
  "projects", // 工程项目
  "procurement", // 物资采购
  "assets", // 资产处置
  "approvals", // 行政审批
  "enforcement", // 行政执法
  "judiciary", // 司法
] as const;

export type KeyPower = (typeof KEY_POWERS)[number];

export const KEY_POWER_ALIASES: Readonly<Record<string, KeyPower>> = {
  财务: "finance",
  人事: "personnel",
  工程项目: "projects",
  物资采购: "procurement",
  资产处置: "assets",
  行政审批: "approvals",
  行政执法: "enforcement",
  司法: "judiciary",
};

/** Reads a power typed by a person, in English or Chinese; undefined when it is not one. */
export function parseKeyPower(word: string): KeyPower | undefined {
  const w = word.trim();
  const lower = w.toLowerCase();
  if ((KEY_POWERS as readonly string[]).includes(lower)) return lower as KeyPower;
  return KEY_POWER_ALIASES[w];
}

/**
 * Which key powers the principal may not hold directly. The team picks the rule it follows:
 * 四不直接分管 (Cangxi), 五不直管 (Nanchuan) or 八不直接分管 (Yanshou).
 */
export const PRINCIPAL_POLICIES = {
  four: ["personnel", "finance", "projects", "procurement"],
  five: ["finance", "personnel", "projects", "approvals", "enforcement"],
  eight: [...KEY_POWERS],
} as const satisfies Record<string, readonly KeyPower[]>;

export type PrincipalPolicy = keyof typeof PRINCIPAL_POLICIES;
export const PRINCIPAL_POLICY_NAMES = Object.keys(PRINCIPAL_POLICIES) as PrincipalPolicy[];

export function powersBarredFromPrincipal(policy: PrincipalPolicy): readonly KeyPower[] {
  return PRINCIPAL_POLICIES[policy];
}
