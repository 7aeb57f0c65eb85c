import type { ledgerEn } from "./ledger.en.ts";

export const ledgerZhCN: Record<keyof typeof ledgerEn, string> = {
};
