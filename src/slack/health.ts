import type { CustomRoute } from "@slack/bolt";

/**
 * /healthz: the process is up. /readyz: the database answers too, so a load balancer sends
 * Slack's requests only to replicas that can record them.
 */
export function healthRoutes(databaseAnswers: () => Promise<boolean>): CustomRoute[] {
  return [
    {
      path: "/healthz",
      method: ["GET"],
      handler: (_req, res) => {
        res.writeHead(200, { "content-type": "text/plain" });
        res.end("ok");
      },
    },
    {
      path: "/readyz",
      method: ["GET"],
      handler: (_req, res) => {
        void databaseAnswers().then((ready) => {
          res.writeHead(ready ? 200 : 503, { "content-type": "text/plain" });
          res.end(ready ? "ready" : "database unavailable");
        });
      },
    },
  ];
}
