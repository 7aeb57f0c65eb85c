/** Slack mentions of users, comma-separated: Slack shows each as the person's name. */
export function mentions(users: readonly string[]): string {
  return users.map((u) => `<@${u}>`).join(", ");
}
