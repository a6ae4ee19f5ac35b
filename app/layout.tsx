import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { PwaProvider } from "@/components/pwa/pwa-provider";
import { isProductionBuild } from "@/lib/env";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Jotboard", template: "%s · Jotboard" },
  description: "Notes and tasks in one place: markdown notes with attachments, and a to-do board.",
  applicationName: "Jotboard",
  appleWebApp: { capable: true, title: "Jotboard", statusBarStyle: "default" },
  icons: { apple: "/icons/apple-touch-icon.png" },
  formatDetection: { telephone: false },
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  viewportFit: "cover",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f8fafc" },
    { media: "(prefers-color-scheme: dark)", color: "#0b1120" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request, so each gets the CSP nonce the proxy made for it.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-dvh antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-surface focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <PwaProvider enabled={isProductionBuild()}>{children}</PwaProvider>
      </body>
    </html>
  );
}
