import type { ReactNode } from "react";

/**
 * The root layout passes its children through: [locale]/layout.tsx renders <html> in the page's
 * language. It exists for app/not-found.tsx, the page of paths outside any locale.
 */
export default function RootLayout({ children }: { children: ReactNode }) {
  return children;
}
