import { defineRouting } from "next-intl/routing";

/** Bahasa Indonesia first (no prefix), English under /en. */
export const routing = defineRouting({
  locales: ["id", "en"],
  defaultLocale: "id",
  localePrefix: "as-needed",
});

export type Locale = (typeof routing.locales)[number];
