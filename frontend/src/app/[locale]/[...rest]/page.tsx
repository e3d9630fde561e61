import { notFound } from "next/navigation";

/** Any path no page matches, in either language: the localized not-found page ([locale]/not-found.tsx). */
export default function UnknownPage() {
  notFound();
}
