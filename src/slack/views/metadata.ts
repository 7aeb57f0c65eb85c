/** A form's private_metadata as JSON; undefined for anything else (it comes back from Slack as text). */
export function parseMetadata(text: string): unknown {
  try {
    return JSON.parse(text || "{}");
  } catch {
    return undefined;
  }
}
