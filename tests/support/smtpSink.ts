/**
 * A real SMTP server on loopback (smtp-server) for tests and the benchmark: it receives what the app sends,
 * parses each message with mailparser, and can be stopped hard mid-drain (listening socket and every open
 * connection closed, as a crashed mail server would) and started again on the same port.
 *
 * With `tls`, it offers STARTTLS with a self-signed certificate made for the run by `openssl`, and refuses
 * AUTH before the upgrade; `caFile` is that certificate, for SMTP_CA_FILE.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import type net from "node:net";
import os from "node:os";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";

export type ReceivedMail = { mail: ParsedMail; secure: boolean; user: string | undefined; envelopeTo: string[] };

export type SmtpSinkOptions = {
  tls?: boolean;
  /** Credentials the server accepts; without them it asks for none. */
  auth?: { user: string; pass: string };
  /** Stop the server (hard) right after this many messages were accepted. */
  stopAfter?: number;
  /** Recipients refused with 550 (a permanent failure). */
  refuse?: string[];
  /** Skip parsing (the benchmark counts only). */
  countOnly?: boolean;
};

export type SmtpSink = {
  port: number;
  received: ReceivedMail[];
  /** Messages accepted, parsed or not. */
  accepted: () => number;
  caFile: string | null;
  url: (opts?: { query?: string }) => string;
  stop: () => Promise<void>;
  start: () => Promise<void>;
  close: () => Promise<void>;
};

function selfSignedCertificate(dir: string): { key: string; cert: string; caFile: string } {
  const keyFile = path.join(dir, "key.pem");
  const certFile = path.join(dir, "cert.pem");
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2", "-subj", "/CN=localhost"].concat([
      "-addext",
      "subjectAltName=IP:127.0.0.1,DNS:localhost",
      "-keyout",
      keyFile,
      "-out",
      certFile,
    ]),
    { stdio: "ignore" },
  );
  return { key: fs.readFileSync(keyFile, "utf8"), cert: fs.readFileSync(certFile, "utf8"), caFile: certFile };
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mild-smtp-"));
  const tls = options.tls ? selfSignedCertificate(dir) : null;
  const received: ReceivedMail[] = [];
  let accepted = 0;
  let stopping = false;
  // One stop only: after a restart the server keeps accepting.
  let stopArmed = options.stopAfter !== undefined;
  let server: SMTPServer | null = null;
  let port = 0;
  const sockets = new Set<net.Socket>();

  const serverOptions = (): SMTPServerOptions => ({
    ...(tls ? { key: tls.key, cert: tls.cert } : { disabledCommands: options.auth ? [] : ["STARTTLS"] }),
    authOptional: !options.auth,
    allowInsecureAuth: false,
    logger: false,
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) return callback(null, { user: auth.username });
      callback(new Error("Invalid username or password"));
    },
    onRcptTo(address, _session, callback) {
      if (options.refuse?.includes(address.address)) {
        const error = new Error("Mailbox unavailable") as Error & { responseCode: number };
        error.responseCode = 550;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        const mail = options.countOnly ? null : await simpleParser(Buffer.concat(chunks));
        // Once stopping, a message is never acknowledged nor kept: the connection just dies, as with a crashed
        // server. Checked after parsing, in the same tick as the reply, so "received" means "acknowledged".
        if (stopping) return;
        accepted += 1;
        if (mail)
          received.push({
            mail,
            secure: session.secure,
            user: typeof session.user === "string" ? session.user : undefined,
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          });
        callback(null, `queued as sink-${accepted}`);
        if (stopArmed && accepted >= options.stopAfter!) {
          stopArmed = false;
          // Accept nothing more from now on; close everything once this reply has been written out.
          stopping = true;
          setImmediate(() => void sink.stop());
        }
      });
    },
  });

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      stopping = false;
      server = new SMTPServer(serverOptions());
      const netServer = (server as unknown as { server: net.Server }).server;
      netServer.on("connection", (socket: net.Socket) => {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
      });
      server.on("error", () => undefined);
      server.listen(port, "127.0.0.1", () => {
        port = (netServer.address() as net.AddressInfo).port;
        resolve();
      });
      netServer.once("error", reject);
    });

  const sink: SmtpSink = {
    get port() {
      return port;
    },
    received,
    accepted: () => accepted,
    caFile: tls?.caFile ?? null,
    url: ({ query } = {}) => {
      const auth = options.auth ? `${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.pass)}@` : "";
      return `smtp://${auth}127.0.0.1:${port}${query ? `?${query}` : ""}`;
    },
    async stop() {
      if (!server) return;
      stopping = true;
      const current = server;
      server = null;
      const netServer = (current as unknown as { server: net.Server }).server;
      const closed = new Promise<void>((resolve) => netServer.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
    start: listen,
    async close() {
      await sink.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  await listen();
  return sink;
}
