import type { Metadata } from "next";
import "./globals.css";

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
