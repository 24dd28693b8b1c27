import { createServer } from "node:net";
import { decodeModules, resolveModule, runModule } from "@fleetlens/probes";
import { Result } from "effect";

// A local "SSH server": it sends its version line and closes.
const server = createServer((s) => {
  s.on("error", () => {}); // a probe may reset the connection once it has seen enough
  s.end("SSH-2.0-OpenSSH_9.6\r\n");
});
await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
const target = `127.0.0.1:${(server.address() as { port: number }).port}`;

// A configuration's modules: map, blackbox_exporter's shape (YAML read into plain data).
const modules = Result.getOrThrow(
  decodeModules({
    ssh_openssh: {
      prober: "tcp",
      timeout: "2s",
      tcp: { query_response: [{ expect: "^SSH-2\\.0-OpenSSH_" }] },
    },
    smtp_banner: { prober: "tcp", tcp: { query_response: [{ expect: "^220 " }] } },
  }),
);

for (const name of ["ssh_banner", "ssh_openssh", "smtp_banner", "tcp_connect"]) {
  const module = Result.getOrThrow(resolveModule(name, { modules }));
  const r = await runModule(module, target);
  const from = module.builtin ? "built-in" : "user";
  console.log(
    `${r.module} (${from}, ${module.prober}): ${r.success ? "success" : `failed, ${r.failureReason}`}`,
  );
}
const unknown = resolveModule("http_3xx", { modules });
if (Result.isFailure(unknown)) console.log(unknown.failure.message);
server.close();
