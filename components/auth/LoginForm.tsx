"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { parseSignInError, throttledMessage } from "@/lib/auth/signInErrors";
import { sameOriginPath } from "@/lib/http/sameOriginPath";

const WRONG_CREDENTIALS = "The email or password is not correct, or the account is disabled.";

/**
 * Email and password; when the account has two-step sign-in, the server answers "code required" and the form
 * asks for the 6-digit code, sending the same email and password again with it.
 */
export function LoginForm({ callbackUrl }: { callbackUrl?: string }) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [needsCode, setNeedsCode] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (needsCode) codeRef.current?.focus();
  }, [needsCode]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const result = await signIn("credentials", { email, password, ...(needsCode ? { code } : {}), redirect: false });
    setPending(false);
    if (result && !result.error) {
      // Only a path on this app is followed, so a crafted link cannot bounce the user elsewhere.
      router.replace(sameOriginPath(callbackUrl, window.location.origin));
      router.refresh();
      return;
    }
    const view = parseSignInError(result?.error ?? "");
    switch (view.kind) {
      case "throttled":
        setError(throttledMessage(view.seconds));
        return;
      case "codeRequired":
        setNeedsCode(true);
        setError(needsCode ? "Enter the 6-digit code from your authenticator app." : null);
        return;
      case "codeInvalid":
        setNeedsCode(true);
        setCode("");
        setError("That code is not correct or was already used. Enter the current code from your authenticator app.");
        return;
      default:
        setNeedsCode(false);
        setCode("");
        setError(WRONG_CREDENTIALS);
    }
  }

  function startOver() {
    setNeedsCode(false);
    setCode("");
    setPassword("");
    setError(null);
  }

  return (
    <form className="form login-form" onSubmit={onSubmit} aria-describedby={error ? "login-error" : undefined} noValidate>
      {error && (
        <p id="login-error" className="form-error" role="alert">
          {error}
        </p>
      )}
      <label className="field">
        <span>Email</span>
        <input name="email" type="email" autoComplete="username" required readOnly={needsCode} value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <label className="field">
        <span>Password</span>
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          readOnly={needsCode}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {needsCode && (
        <label className="field">
          <span>Code from your authenticator app</span>
          <input
            ref={codeRef}
            name="code"
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9 ]*"
            maxLength={7}
            required
            aria-describedby="login-code-hint"
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
          <span id="login-code-hint" className="muted small">
            This account has two-step sign-in. Open your authenticator app and enter the 6-digit code for MILD Outcomes.
          </span>
        </label>
      )}
      <button type="submit" className="button primary" disabled={pending}>
        {pending ? "Signing in…" : needsCode ? "Verify code" : "Sign in"}
      </button>
      {needsCode && (
        <button type="button" className="button subtle" onClick={startOver}>
          Use another account
        </button>
      )}
    </form>
  );
}
