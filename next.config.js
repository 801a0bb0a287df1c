/** @type {import('next').NextConfig} */
const nextConfig = {
  // We serve no remote images; this also keeps the image optimizer (and its advisories) out of the way.
  images: { unoptimized: true },
  // Loaded by Node at run time, never bundled: a native module, and pdfkit (it reads its font metrics from its own folder).
  serverExternalPackages: ["better-sqlite3", "pdfkit"],
  poweredByHeader: false,
  experimental: {
    // CSV imports up to 50 MB pass through proxy.ts; the import itself refuses anything larger with a message.
    proxyClientMaxBodySize: "60mb",
  },
  // Lets a second build or dev server (e.g. a benchmark or a parallel developer) use its own output folder.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  typedRoutes: false,
};

export default nextConfig;
