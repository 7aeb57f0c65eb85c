// Ledger messages (English). Keys are prefixed "ledger." or "error.".
export const ledgerEn = {
} as const;
