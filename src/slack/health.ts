import type { CustomRoute } from "@slack/bolt";
import type { Metrics } from "../metrics/metrics.ts";

/**
 * /healthz: the process is up. /readyz: the database answers too and, in Socket Mode, the socket
 * is connected, so a load balancer or an orchestrator sends work only to replicas that can take
 * it. /metrics: Prometheus's text format.
 */
export function healthRoutes(
  databaseAnswers: () => Promise<boolean>,
  socket?: { readonly connected: boolean },
  metrics?: Metrics,
): CustomRoute[] {
  const routes: CustomRoute[] = [
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
        void databaseAnswers().then((database) => {
          const problem = !database
            ? "database unavailable"
            : socket && !socket.connected
              ? "Socket Mode not connected"
              : undefined;
          res.writeHead(problem ? 503 : 200, { "content-type": "text/plain" });
          res.end(problem ?? "ready");
        });
      },
    },
  ];
  if (metrics)
    routes.push({
      path: "/metrics",
      method: ["GET"],
      handler: (_req, res) => {
        metrics.scrape().then(
          ({ contentType, body }) => {
            res.writeHead(200, { "content-type": contentType });
            res.end(body);
          },
          (err: unknown) => {
            // A gauge read from the database failed: say so rather than serve half the metrics.
            res.writeHead(503, { "content-type": "text/plain" });
            res.end(`metrics unavailable: ${err instanceof Error ? err.message : String(err)}`);
          },
        );
      },
    });
  return routes;
}
