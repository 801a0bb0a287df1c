/**
 * Messages to patients: the wording of the instrument file with the four values they may carry (first name,
 * clinic name, link, opt-out link) and nothing else, as text and as escaped HTML.
 */
import { describe, expect, it } from "vitest";
import { ENGLISH } from "@/lib/outcomes/instruments/en";
import { renderPatientMessage } from "@/lib/messaging/patientMessages";

const values = {
  firstName: "Ada",
  clinicName: "Riverside Spine Clinic",
  link: "https://outcomes.riverside.example/q/5oXJ2u9rYt0-abc_DEF",
  optOutLink: "https://outcomes.riverside.example/q/5oXJ2u9rYt0-abc_DEF/stop",
};

describe("messages to patients", () => {
  it("carry the first name, the clinic, the link and the opt-out link, with the clinic alone in the subject", () => {
    for (const kind of ["invitation", "reminder", "diary"] as const) {
      const m = renderPatientMessage(ENGLISH, kind, values);
      expect(m.subject).toContain("Riverside Spine Clinic");
      expect(m.subject).not.toContain("Ada");
      expect(m.text).toMatch(/^Dear Ada,/);
      expect(m.text).toContain(values.link);
      expect(m.text).toContain(values.optOutLink);
      expect(m.text).not.toMatch(/\{\w+\}/);
      expect(m.html).toContain(`<a href="${values.link}">${values.link}</a>`);
      expect(m.html).toContain(`<a href="${values.optOutLink}">`);
      expect(m.html.match(/<p>/g)!.length).toBe(m.text.split(/\n\s*\n/).length);
    }
    expect(renderPatientMessage(ENGLISH, "invitation", values).subject).toBe("A short questionnaire from Riverside Spine Clinic");
  });

  it("escape names in the HTML and keep a name with a line break on one line", () => {
    const m = renderPatientMessage(ENGLISH, "invitation", {
      ...values,
      firstName: "Ada\r\nBcc: x@example.org",
      clinicName: `<script>alert("x")</script> & Co`,
    });
    expect(m.text).toMatch(/^Dear Ada Bcc: x@example.org,\n/);
    expect(m.html).not.toContain("<script>");
    expect(m.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co");
    expect(m.subject).toBe(`A short questionnaire from <script>alert("x")</script> & Co`);
  });

  it("refuse a link that is not an http(s) URL", () => {
    expect(() => renderPatientMessage(ENGLISH, "reminder", { ...values, link: "javascript:alert(1)" })).toThrow(/link: .* is not an http\(s\) URL/);
    expect(() => renderPatientMessage(ENGLISH, "reminder", { ...values, optOutLink: 'https://x.example/"><b>' })).toThrow(/optOutLink/);
  });
});
