import { hasLocale } from "next-intl";
import { getRequestConfig } from "next-intl/server";
import { routing } from "./routing";

/** One file per namespace and locale: messages/<locale>/<namespace>.json. */
export const NAMESPACES = [
  "common",
  "errors",
  "wallet",
  "home",
  "verify",
  "transparency",
  "citizen",
  "console",
  "officer",
  "issuer",
  "admin",
  "lists",
  "passkey",
  "sponsor",
] as const;

export async function loadMessages(locale: string) {
  const entries = await Promise.all(
    NAMESPACES.map(async (namespace) => [
      namespace,
      (await import(`../../messages/${locale}/${namespace}.json`)).default,
    ]),
  );
  return Object.fromEntries(entries);
}

export default getRequestConfig(async ({ requestLocale }) => {
  const requested = await requestLocale;
  const locale = hasLocale(routing.locales, requested) ? requested : routing.defaultLocale;
  return { locale, messages: await loadMessages(locale) };
});
