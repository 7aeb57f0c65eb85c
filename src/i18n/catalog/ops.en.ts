// Installing through Slack's OAuth flow: the pages the installer's browser shows.
export const opsEn = {
  "install.done":
    "Lastword is installed in your workspace. Type /lastword help in a channel to set up its leadership team.",
  "install.failed":
    "Lastword could not be installed: the link may have expired or been opened in another browser. Start again from the install page.",
} as const;
