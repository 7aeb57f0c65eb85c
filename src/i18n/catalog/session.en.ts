// Session messages (English). Keys are prefixed "session." or "error.".
export const sessionEn = {
} as const;
