/**
 * THE authorization table: for every page, route handler and server action of the app, what each principal
 * gets for a record of their own, another physician's record, and a record that does not exist.
 *
 * The keys are generated from the source tree (tests/matrix/discover.ts): a page is its URL pattern
 * (`/procedures/[id]/edit`), a route handler `METHOD pattern`, a server action `file#exportName`. A page, handler
 * or action without an entry here fails the matrix tests, naming it; so does an entry whose key no longer exists.
 *
 *  - Pages and route handlers are checked over HTTP against a running server on the demo database by
 *    tests/e2e/authorization-matrix.spec.ts (status codes, and where a redirect goes).
 *  - Server actions are called in-process on a temp database by tests/integration/actions-matrix.test.ts, with
 *    the real DAL behind them; each entry also names the DAL function the action delegates to and the
 *    integration test holding that function's own matrix, and the test checks both names against the source.
 *
 * Principals: anonymous (no cookie); owner = physician1, whose records are "own"; otherPhysician = physician2,
 * whose records are "other"; qualityOfficer; admin; disabled = a physician whose account was disabled after
 * signing in (cookie still valid); revoked = a physician whose sessions were revoked after signing in (session
 * version bumped); coordinator = the coordinator of the owner's site (the other physician works at another site),
 * who enters records on behalf of that site's physicians: the owner's records are theirs to work, the other
 * physician's "not found". "missing" is an id no record has (99999999).
 */

export const PRINCIPALS = ["anonymous", "owner", "otherPhysician", "qualityOfficer", "admin", "disabled", "revoked", "coordinator"] as const;
export type PrincipalKind = (typeof PRINCIPALS)[number];

export const RECORD_KINDS = ["own", "other", "missing"] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** One outcome for every record kind, or one per record kind. */
export type Cell<O> = O | Record<RecordKind, O>;
export type Expectations<O> = Record<PrincipalKind, Cell<O>>;

// ---------------------------------------------------------------------------------------------------------
// Pages and route handlers (HTTP)
// ---------------------------------------------------------------------------------------------------------

/**
 * "200", "400", "401", "403", "404": that status exactly. "login": a 302/303/307 redirect to /login (proxy.ts for a
 * request without a session cookie, requirePrincipal for a cookie that no longer names an active session).
 * "redirect:<path>": a redirect whose Location starts with that path.
 */
export type HttpOutcome = "200" | "400" | "401" | "403" | "404" | "405" | "login" | `redirect:${string}`;

/** What the `[id]` placeholder (or the `{id}` in a query string) stands for. */
export type RecordType = "procedure" | "patient" | "assessment" | "complication" | "physician" | "message";

export type HttpProbe = {
  /** The request path; `{id}` is replaced by the record's id. */
  path: string;
  method?: "GET" | "POST";
  /** POST /api/import: an empty multipart dry run (it writes nothing). */
  body?: "empty-import";
  /** A url-encoded form body, as an HTML form posts it; `{id}` in a value is replaced like in the path. */
  form?: Record<string, string>;
  /** Send an Origin header from another site (the proxy's cross-site refusal). */
  crossSite?: boolean;
};

export type HttpEntry = {
  /** What `{id}` in the probe stands for; null when the route takes no record. */
  record: RecordType | null;
  probe: HttpProbe;
  expect: Expectations<HttpOutcome>;
  /** Further probes of the same route with different parameters (e.g. an identified export). */
  variants?: Record<string, { probe: HttpProbe; expect: Expectations<HttpOutcome>; why?: string }>;
  /** Why the expectation is what it is, where it is not obvious. */
  why?: string;
};

/** One outcome per record kind: the principal's own record, another physician's, a missing id. */
export const by = <O>(own: O, other: O, missing: O): Record<RecordKind, O> => ({ own, other, missing });

// Rows shared by many entries.
const SIGNED_OUT_PAGE = { anonymous: "login", disabled: "login", revoked: "login" } as const;
const SIGNED_OUT_API = { anonymous: "401", disabled: "401", revoked: "401" } as const;
/** Every signed-in principal may open it; nothing record-specific. */
const ANY_SIGNED_IN_PAGE: Expectations<HttpOutcome> = {
  ...SIGNED_OUT_PAGE,
  owner: "200",
  otherPhysician: "200",
  qualityOfficer: "200",
  admin: "200",
  coordinator: "200",
};
/** Reading a clinical record: its physician, its site's coordinator, quality officers and admins; anyone else the same 404 as a missing id. */
const READ_RECORD_PAGE: Expectations<HttpOutcome> = {
  ...SIGNED_OUT_PAGE,
  owner: by("200", "404", "404"),
  otherPhysician: by("404", "200", "404"),
  qualityOfficer: by("200", "200", "404"),
  admin: by("200", "200", "404"),
  coordinator: by("200", "404", "404"),
};
/** Changing a clinical record (or adding to it): the physician who performed the procedure, or its site's coordinator; everyone else 404. */
const WRITE_RECORD_PAGE: Expectations<HttpOutcome> = {
  ...SIGNED_OUT_PAGE,
  owner: by("200", "404", "404"),
  otherPhysician: by("404", "200", "404"),
  qualityOfficer: "404",
  admin: "404",
  coordinator: by("200", "404", "404"),
};
/** A new clinical record: physicians and coordinators only; the page does not exist for other roles. */
const CLINICAL_WRITER_PAGE: Expectations<HttpOutcome> = {
  ...SIGNED_OUT_PAGE,
  owner: "200",
  otherPhysician: "200",
  qualityOfficer: "404",
  admin: "404",
  coordinator: "200",
};
const QO_AND_ADMIN_PAGE: Expectations<HttpOutcome> = {
  ...SIGNED_OUT_PAGE,
  owner: "404",
  otherPhysician: "404",
  qualityOfficer: "200",
  admin: "200",
  coordinator: "404",
};
const ADMIN_PAGE: Expectations<HttpOutcome> = {
  ...SIGNED_OUT_PAGE,
  owner: "404",
  otherPhysician: "404",
  qualityOfficer: "404",
  admin: "200",
  coordinator: "404",
};
/**
 * A physician filter (`?physician=`): a physician may name only themselves; QO and admin anyone who exists; a
 * coordinator sees no outcomes at all (404 whatever is named).
 */
const PHYSICIAN_FILTER_API: Expectations<HttpOutcome> = {
  ...SIGNED_OUT_API,
  owner: by("200", "404", "404"),
  otherPhysician: by("404", "200", "404"),
  qualityOfficer: by("200", "200", "404"),
  admin: by("200", "200", "404"),
  coordinator: "404",
};
/** A de-identified export: like the physician filter, but a coordinator is refused for the role (no export of their sites' patients). */
const EXPORT_API: Expectations<HttpOutcome> = { ...PHYSICIAN_FILTER_API, coordinator: "403" };
/** An identified export asked for by a link: refused to everyone signed in, whatever the record. */
const IDENTIFIED_EXPORT_BY_LINK: Expectations<HttpOutcome> = {
  ...SIGNED_OUT_API,
  owner: "405",
  otherPhysician: "405",
  qualityOfficer: "405",
  admin: "405",
  coordinator: "405",
};
const CROSS_SITE: Expectations<HttpOutcome> = {
  anonymous: "403",
  owner: "403",
  otherPhysician: "403",
  qualityOfficer: "403",
  admin: "403",
  disabled: "403",
  revoked: "403",
  coordinator: "403",
};
const IDENTIFIED_EXPORT: Expectations<HttpOutcome> = {
  ...SIGNED_OUT_API,
  // Refused before the physician filter is looked at, so the answer is the same for every record.
  owner: "403",
  otherPhysician: "403",
  qualityOfficer: by("200", "200", "404"),
  admin: by("200", "200", "404"),
  coordinator: "403",
};

/** Patients' link pages: no session needed, the same answer for everyone. */
const everyone = (o: HttpOutcome): Expectations<HttpOutcome> => ({
  anonymous: o,
  owner: o,
  otherPhysician: o,
  qualityOfficer: o,
  admin: o,
  disabled: o,
  revoked: o,
  coordinator: o,
});
const PATIENT_LINK_NEUTRAL = everyone("404");
const PATIENT_PUBLIC = everyone("200");

/** A page that takes no record: one probe of its path. */
const page = (path: string, expect: Expectations<HttpOutcome>, why?: string): HttpEntry => ({ record: null, probe: { path }, expect, ...(why && { why }) });

/** A page of one record: `{id}` in its path is the principal's own record, another physician's, a missing id. */
const recordPage = (record: RecordType, path: string, expect: Expectations<HttpOutcome>, why?: string): HttpEntry => ({
  record,
  probe: { path },
  expect,
  ...(why && { why }),
});

export const PAGES: Record<string, HttpEntry> = {
  "/": page("/", ANY_SIGNED_IN_PAGE),
  "/login": {
    record: null,
    probe: { path: "/login" },
    // Open without a session (a dead cookie counts as none); a signed-in user is sent home.
    expect: {
      anonymous: "200",
      disabled: "200",
      revoked: "200",
      owner: "redirect:/",
      otherPhysician: "redirect:/",
      qualityOfficer: "redirect:/",
      admin: "redirect:/",
      coordinator: "redirect:/",
    },
  },
  "/account/security": page("/account/security", ANY_SIGNED_IN_PAGE, "Everyone manages their own account; there is no id to point at someone else's."),
  "/admin/users": page("/admin/users", ADMIN_PAGE),
  "/admin/sites": page("/admin/sites", ADMIN_PAGE),
  "/admin/outbox": {
    ...page("/admin/outbox", ADMIN_PAGE, "Messages carry patients' addresses and first names: administrators only (they run the mail settings)."),
    variants: {
      "a status filter": {
        probe: { path: "/admin/outbox?status=queued" },
        expect: ADMIN_PAGE,
      },
    },
  },
  "/admin/outbox/[id]": recordPage(
    "message",
    "/admin/outbox/{id}",
    { ...SIGNED_OUT_PAGE, owner: "404", otherPhysician: "404", qualityOfficer: "404", admin: by("200", "200", "404"), coordinator: "404" },
    "A message belongs to no physician, so own and other are the same queued message; other roles get the 404 of a missing id.",
  ),
  "/audit": page("/audit", QO_AND_ADMIN_PAGE),
  "/import": page(
    "/import",
    { ...ANY_SIGNED_IN_PAGE, coordinator: "404" },
    "The page shows each role only what it may do (QO: export only); coordinators neither import nor export.",
  ),
  "/outcomes": {
    record: "physician",
    probe: { path: "/outcomes?physician={id}" },
    expect: {
      ...SIGNED_OUT_PAGE,
      owner: by("200", "404", "404"),
      otherPhysician: by("404", "200", "404"),
      qualityOfficer: by("200", "200", "404"),
      admin: by("200", "200", "404"),
      coordinator: "404",
    },
    variants: {
      "no filter": {
        probe: { path: "/outcomes" },
        expect: { ...ANY_SIGNED_IN_PAGE, coordinator: "404" },
        why: "Coordinators see no outcomes dashboard; their home shows their sites' follow-up completeness.",
      },
    },
  },
  "/patients": page("/patients", ANY_SIGNED_IN_PAGE),
  "/patients/new": page("/patients/new", CLINICAL_WRITER_PAGE),
  "/patients/[id]": recordPage("patient", "/patients/{id}", READ_RECORD_PAGE),
  "/patients/[id]/edit": recordPage("patient", "/patients/{id}/edit", WRITE_RECORD_PAGE),
  "/procedures": page("/procedures", ANY_SIGNED_IN_PAGE),
  "/procedures/new": {
    record: "patient",
    probe: { path: "/procedures/new?patient={id}" },
    expect: WRITE_RECORD_PAGE,
    variants: { "no patient chosen": { probe: { path: "/procedures/new" }, expect: CLINICAL_WRITER_PAGE } },
  },
  "/procedures/[id]": recordPage("procedure", "/procedures/{id}", READ_RECORD_PAGE),
  "/procedures/[id]/edit": recordPage("procedure", "/procedures/{id}/edit", WRITE_RECORD_PAGE),
  "/procedures/[id]/letter": recordPage(
    "procedure",
    "/procedures/{id}/letter?key=follow_up:month_24",
    WRITE_RECORD_PAGE,
    "The link letter is printed by the procedure's physician or their site's coordinator (it shows the patient's link); a closed or unconsented questionnaire answers 200 saying there is no letter.",
  ),
  "/q/[token]": page(
    "/q/not-a-real-token",
    PATIENT_LINK_NEUTRAL,
    "Patients' links need no session: a token that opens nothing is the same 404 for everyone, signed in or not.",
  ),
  "/q/[token]/opt-out": page(
    "/q/not-a-real-token/opt-out",
    PATIENT_PUBLIC,
    "The opt-out page is one button; whether the link is valid is decided on the POST.",
  ),
  "/q/opted-out": page("/q/opted-out", PATIENT_PUBLIC),
  "/procedures/[id]/assessments/new": recordPage("procedure", "/procedures/{id}/assessments/new", WRITE_RECORD_PAGE),
  "/procedures/[id]/complications/new": recordPage("procedure", "/procedures/{id}/complications/new", WRITE_RECORD_PAGE),
  "/assessments/[id]/edit": recordPage("assessment", "/assessments/{id}/edit", WRITE_RECORD_PAGE),
  "/complications/[id]/edit": recordPage(
    "complication",
    "/complications/{id}/edit",
    WRITE_RECORD_PAGE,
    "An adjudicated report opens too (200), showing that it can no longer be edited.",
  ),
  "/quality": page("/quality", QO_AND_ADMIN_PAGE),
  "/quality/review": page(
    "/quality/review",
    { ...SIGNED_OUT_PAGE, owner: "404", otherPhysician: "404", qualityOfficer: "200", admin: "404", coordinator: "404" },
    "Only quality officers adjudicate; administrators manage accounts, not clinical judgements.",
  ),
  "/quality/review/[id]": recordPage("complication", "/quality/review/{id}", {
    ...SIGNED_OUT_PAGE,
    owner: "404",
    otherPhysician: "404",
    qualityOfficer: by("200", "200", "404"),
    admin: "404",
    coordinator: "404",
  }),
  "/worklist": {
    ...page("/worklist", ANY_SIGNED_IN_PAGE),
    variants: {
      "a physician filter naming someone else": {
        probe: { path: "/worklist?physician=1" },
        expect: ANY_SIGNED_IN_PAGE,
        why: "A physician's filter is ignored by the DAL (the list stays their own); checked in records-authorization.test.ts.",
      },
      "a hand-edited view (page −1, a billion rows, an unknown sort)": {
        probe: { path: "/worklist?page=-1&size=1000000000&sort=unknown&dir=sideways" },
        expect: ANY_SIGNED_IN_PAGE,
        why: "The view falls back to its defaults (lib/validation/worklist.ts); checked in worklist.test.ts and e2e/worklist.spec.ts.",
      },
    },
  },
  "/alerts": page(
    "/alerts",
    ANY_SIGNED_IN_PAGE,
    "Everyone opens their own list (quality officers and physicians receive alerts; the others see that they receive none).",
  ),
  "/data-quality": {
    record: null,
    probe: { path: "/data-quality" },
    expect: ANY_SIGNED_IN_PAGE,
    why: "Every role opens it; a physician's list holds only their own procedures' assessments (checked in data-integrity.test.ts).",
  },
};

/** The variant every state-changing /api route has: the same request with an Origin from another site. */
const fromAnotherSite = (probe: HttpProbe): HttpEntry["variants"] => ({
  "from another site's page": {
    probe: { ...probe, crossSite: true },
    expect: CROSS_SITE,
    why: "proxy.ts refuses a state-changing /api request whose Origin is another site before looking at the session.",
  },
});

/**
 * A CSV export's two routes: GET with a physician filter (an identified file refused by a link), and POST from the
 * app's own identified-export form (refused from another site's page).
 */
function exportRoutes(file: string): Record<string, HttpEntry> {
  const path = `/api/export/${file}`;
  const identified = { identified: "1", reason: "authorization matrix", physician: "{id}" };
  return {
    [`GET ${path}`]: {
      record: "physician",
      probe: { path: `${path}?physician={id}` },
      expect: EXPORT_API,
      variants: {
        "identified, by a link": {
          probe: { path: `${path}?identified=1&reason=authorization%20matrix&physician={id}` },
          expect: IDENTIFIED_EXPORT_BY_LINK,
          why: "Any web page can make a signed-in browser follow a link: an identified file is posted from the app's own form only.",
        },
      },
    },
    [`POST ${path}`]: {
      record: "physician",
      probe: { path, method: "POST", form: identified },
      expect: IDENTIFIED_EXPORT,
      why: "The identified export form.",
      variants: fromAnotherSite({ path, method: "POST", form: identified }),
    },
  };
}

export const HANDLERS: Record<string, HttpEntry> = {
  "POST /q/[token]/answer": {
    record: null,
    probe: { path: "/q/not-a-real-token/answer", method: "POST", form: { nprsBack: "3", nprsLeg: "2", pgic: "2" } },
    expect: everyone("redirect:/q/not-a-real-token"),
    why: "A questionnaire posted with a link that opens nothing goes back to the page, which answers its one neutral 404; nothing is written.",
  },
  "POST /q/[token]/opt-out/confirm": {
    record: null,
    probe: { path: "/q/not-a-real-token/opt-out/confirm", method: "POST", form: {} },
    expect: everyone("404"),
    why: "An opt-out with a link that opens nothing changes nothing.",
  },
  "GET /api/auth/[...nextauth]": {
    record: null,
    probe: { path: "/api/auth/session" },
    expect: { anonymous: "200", owner: "200", otherPhysician: "200", qualityOfficer: "200", admin: "200", disabled: "200", revoked: "200", coordinator: "200" },
    why: "next-auth's own endpoints are public (csrf, providers, session: the caller's own token, or {}).",
  },
  "POST /api/auth/[...nextauth]": {
    record: null,
    probe: { path: "/api/auth/callback/credentials", method: "POST" },
    expect: {
      anonymous: "redirect:/api/auth/signin?csrf=true",
      owner: "redirect:/api/auth/signin?csrf=true",
      otherPhysician: "redirect:/api/auth/signin?csrf=true",
      qualityOfficer: "redirect:/api/auth/signin?csrf=true",
      admin: "redirect:/api/auth/signin?csrf=true",
      disabled: "redirect:/api/auth/signin?csrf=true",
      revoked: "redirect:/api/auth/signin?csrf=true",
      coordinator: "redirect:/api/auth/signin?csrf=true",
    },
    why: "A sign-in POST without next-auth's CSRF token is refused before any password is checked (so it costs no throttle budget).",
  },
  "GET /api/v1/outcomes/summary": {
    record: "physician",
    probe: { path: "/api/v1/outcomes/summary?physician={id}" },
    expect: PHYSICIAN_FILTER_API,
    variants: {
      "no filter": {
        probe: { path: "/api/v1/outcomes/summary" },
        expect: { ...SIGNED_OUT_API, owner: "200", otherPhysician: "200", qualityOfficer: "200", admin: "200", coordinator: "404" },
      },
    },
  },
  ...exportRoutes("procedures.csv"),
  ...exportRoutes("complications.csv"),
  "GET /api/reports/physician.pdf": {
    record: "physician",
    probe: { path: "/api/reports/physician.pdf?physician={id}&from=2024-01-01&to=2026-12-31" },
    expect: PHYSICIAN_FILTER_API,
    why: "A physician's report card: the summary API's grants and denials (their own only; another's id answers 404 as a missing one; coordinators 404).",
    variants: {
      "without a period": {
        probe: { path: "/api/reports/physician.pdf?physician={id}" },
        expect: { ...SIGNED_OUT_API, owner: "400", otherPhysician: "400", qualityOfficer: "400", admin: "400", coordinator: "400" },
        why: "The period is required, and the parameters are checked before anything is looked up, as in the summary API.",
      },
    },
  },
  "GET /api/reports/physicians.zip": {
    record: null,
    probe: { path: "/api/reports/physicians.zip?from=2024-01-01&to=2026-12-31" },
    expect: { ...SIGNED_OUT_API, owner: "404", otherPhysician: "404", qualityOfficer: "200", admin: "200", coordinator: "404" },
    why: "Every physician's report card at once: quality officers and admins only; for anyone else the route does not exist.",
  },
  "GET /api/import/template.csv": {
    record: null,
    probe: { path: "/api/import/template.csv" },
    expect: { ...SIGNED_OUT_API, owner: "200", otherPhysician: "200", qualityOfficer: "200", admin: "200", coordinator: "200" },
    why: "The template holds no data, but like every API route it answers only a session the data layer still honours.",
  },
  "POST /api/import": {
    record: null,
    probe: { path: "/api/import?mode=dry-run", method: "POST", body: "empty-import" },
    expect: { ...SIGNED_OUT_API, owner: "200", otherPhysician: "200", qualityOfficer: "403", admin: "200", coordinator: "403" },
    why: "A dry run with no files: 200 with a report naming the problem for those who may import; QO never writes clinical records; coordinators enter records through the forms only.",
    variants: fromAnotherSite({ path: "/api/import?mode=dry-run", method: "POST", body: "empty-import" }),
  },
};

/** The outcome in one cell for one record kind (a plain cell applies to every record kind). */
export function outcomeFor<O extends string>(cell: Cell<O>, record: RecordKind | null): O {
  if (typeof cell === "string") return cell;
  if (record === null) throw new Error("An entry without a record cannot have per-record outcomes");
  return cell[record];
}

/** The record kinds an entry is probed with: all three when it takes a record, one probe otherwise. */
export const recordKindsOf = (record: unknown): (RecordKind | null)[] => (record === null ? [null] : [...RECORD_KINDS]);
