import type { sessionEn } from "./session.en.ts";

export const sessionZhCN: Record<keyof typeof sessionEn, string> = {
};
