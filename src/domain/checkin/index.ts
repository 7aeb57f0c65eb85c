// Quarterly duty check-ins (一岗双责, the "four ones" 四个一): pure rules, no I/O, no clock.
export * from "./calendar.ts";
export * from "./local-time.ts";
export * from "./quarter.ts";
export * from "./settings.ts";
export * from "./plan.ts";
export * from "./status.ts";
export * from "./report.ts";
export * from "./message.ts";
