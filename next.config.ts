import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native module with prebuilt binaries: load it from node_modules instead of bundling.
  serverExternalPackages: ["@node-rs/argon2"],
};

export default nextConfig;
