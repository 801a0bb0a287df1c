import type { Metadata } from "next";
// One stylesheet per area, in cascade order.
import "./styles/base.css";
import "./styles/notices.css";
import "./styles/lists.css";
import "./styles/admin.css";
import "./styles/records.css";
import "./styles/recordForms.css";
import "./styles/audit.css";
import "./styles/outcomes.css";
import "./styles/charts.css";

export const metadata: Metadata = {
  title: { default: "MILD Outcomes", template: "%s · MILD Outcomes" },
  description: "Outcomes and complications of minimally invasive lumbar decompression, with honest statistics.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
