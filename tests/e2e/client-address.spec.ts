/**
 * Sign-in throttling keys on the client's address. At the default (TRUSTED_PROXIES=0) that is the TCP connection's
 * address, whatever X-Forwarded-For a client writes; with TRUSTED_PROXIES=1 behind a proxy it is the address the
 * proxy forwards. Requests come from addresses of their own on the loopback network (127.0.0.5, 127.0.0.6), so the
 * failures they pile up never throttle the other specs, which connect from 127.0.0.1.
 */
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { openE2eDatabase } from "./database";
import { rawSignIn, waitForServer } from "./rawHttp";

test.describe("the client address sign-in throttling counts", () => {
  test("at the default, wrong passwords each sent with a new X-Forwarded-For are throttled and recorded under the connection's address", async ({
    baseURL,
  }, testInfo) => {
    const port = Number(new URL(baseURL!).port);
    const email = `rotating-${Date.now()}@example.org`;
    const outcomes: string[] = [];
    for (let i = 1; i <= 12 && !outcomes.some((o) => o.startsWith("Throttled")); i++) {
      outcomes.push(await rawSignIn({ port, localAddress: "127.0.0.5", email, password: "wrong", headers: { "X-Forwarded-For": `198.51.100.${i}` } }));
    }
    expect(outcomes.at(-1)).toMatch(/^Throttled:\d+$/);

    const db = openE2eDatabase(testInfo);
    try {
      const recorded = await db.one<{ addresses: number | string; address: string }>(
        "SELECT count(DISTINCT client_address) AS addresses, min(client_address) AS address FROM sign_in_attempts WHERE email = ?",
        email,
      );
      // count() is a bigint on PostgreSQL, which its driver gives as text.
      expect({ ...recorded, addresses: Number(recorded?.addresses) }).toEqual({ addresses: 1, address: "127.0.0.5" });
    } finally {
      await db.close();
    }
  });

  test("with TRUSTED_PROXIES=1 behind a proxy, the address the proxy forwards is the one recorded, not one the client wrote", async ({}, testInfo) => {
    // A second server of the app starts within it.
    test.setTimeout(120_000);
    const free = async () => {
      const probe = http.createServer();
      await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
      const { port } = probe.address() as AddressInfo;
      await new Promise((resolve) => probe.close(resolve));
      return port;
    };
    const metadata = testInfo.config.metadata as { databaseUrl?: string; databasePath?: string };
    const appPort = await free();
    // The same build and database as the main e2e server, served by the same script, told one proxy is in front.
    const app: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
      env: {
        ...process.env,
        PORT: String(appPort),
        TRUSTED_PROXIES: "1",
        NEXTAUTH_URL: `http://localhost:${appPort}`,
        // The same database, and beside it the same keys (on PostgreSQL, DATABASE_PATH places only those).
        DATABASE_PATH: metadata.databasePath!,
        ...(metadata.databaseUrl ? { DATABASE_URL: metadata.databaseUrl } : {}),
      },
      stdio: "ignore",
    });
    // A reverse proxy as nginx's `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;` is: it appends
    // the address it saw to whatever the client sent.
    const proxy = http.createServer((req, res) => {
      const seen = req.socket.remoteAddress!;
      const sent = req.headers["x-forwarded-for"];
      const upstream = http.request(
        {
          host: "127.0.0.1",
          port: appPort,
          path: req.url,
          method: req.method,
          headers: { ...req.headers, "x-forwarded-for": sent ? `${sent}, ${seen}` : seen },
        },
        (answer) => {
          res.writeHead(answer.statusCode!, answer.headers);
          answer.pipe(res);
        },
      );
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const proxyPort = (proxy.address() as AddressInfo).port;
    const db = openE2eDatabase(testInfo);
    try {
      await waitForServer(appPort);
      const email = `behind-proxy-${Date.now()}@example.org`;
      const outcome = await rawSignIn({ port: proxyPort, localAddress: "127.0.0.6", email, password: "wrong", headers: { "X-Forwarded-For": "203.0.113.7" } });
      expect(outcome).toBe("CredentialsSignin");
      const recorded = await db.one<{ address: string }>("SELECT client_address AS address FROM sign_in_attempts WHERE email = ?", email);
      expect(recorded?.address).toBe("127.0.0.6");
    } finally {
      await db.close();
      proxy.close();
      app.kill("SIGTERM");
    }
  });
});
