/**
 * Plain HTTP for the specs that must choose what a browser cannot: the local address a request comes from, and
 * headers such as X-Forwarded-For.
 */
import http from "node:http";

type Answer = { status: number; headers: http.IncomingHttpHeaders; text: string };

function request(opts: {
  port: number;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  localAddress?: string;
}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: opts.port,
        path: opts.path,
        method: opts.method ?? "GET",
        localAddress: opts.localAddress,
        headers: { host: `localhost:${opts.port}`, ...opts.headers },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, text }));
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}

const cookiesOf = (answer: Answer) => (answer.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]!).join("; ");

/**
 * One sign-in through next-auth's credentials endpoint, as the login form makes it; returns next-auth's error code
 * (`CredentialsSignin`, `Throttled:<seconds>`, …) or "ok".
 */
export async function rawSignIn(opts: {
  port: number;
  localAddress: string;
  email: string;
  password: string;
  headers?: Record<string, string>;
}): Promise<string> {
  const base = { port: opts.port, localAddress: opts.localAddress };
  const csrf = await request({ ...base, path: "/api/auth/csrf", headers: opts.headers });
  const { csrfToken } = JSON.parse(csrf.text) as { csrfToken: string };
  const answer = await request({
    ...base,
    path: "/api/auth/callback/credentials",
    method: "POST",
    headers: { ...opts.headers, cookie: cookiesOf(csrf), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, email: opts.email, password: opts.password, json: "true" }).toString(),
  });
  const url = answer.headers.location ?? (JSON.parse(answer.text) as { url: string }).url;
  return new URL(url, "http://localhost").searchParams.get("error") ?? "ok";
}

/** Resolves once the server at `port` answers its sign-in page (it may take a few seconds to start). */
export async function waitForServer(port: number, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await request({ port, path: "/login" })).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`No server answered on port ${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
