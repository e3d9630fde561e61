import { defineRouting } from "next-intl/routing";

/**
 * Bahasa Indonesia first (no prefix), English under /en. The language is the citizen's choice
 * (the switch in the header), not guessed from the browser: many phones in Indonesia are set to
 * English, and a shared link must open in the language it was shared in.
 */
export const routing = defineRouting({
  locales: ["id", "en"],
  defaultLocale: "id",
  localePrefix: "as-needed",
  localeDetection: false,
});

export type Locale = (typeof routing.locales)[number];
