/** @type {import('next').NextConfig} */
const nextConfig = {
  // We serve no remote images; this also keeps the image optimizer (and its advisories) out of the way.
  images: { unoptimized: true },
  // Native module: loaded by Node at run time, never bundled.
  serverExternalPackages: ["better-sqlite3"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
