import type { Metadata } from "next";
import id from "../../messages/id/common.json";
import en from "../../messages/en/common.json";
import "./globals.css";

export const metadata: Metadata = { title: `${id.notFound} · ${id.appName}` };

/**
 * A path the locale proxy does not handle (e.g. one with a file extension): no locale is known, so
 * the page says it in Bahasa Indonesia first, then in English, with the way back to the home page.
 */
export default function RootNotFound() {
  return (
    <html lang="id">
      <body>
        <header className="site-header">
          <a href="/" className="brand">
            {id.appName}
          </a>
        </header>
        <main id="main" data-testid="not-found">
          <h1>{id.notFound}</h1>
          <p>{id.notFoundText}</p>
          <p>
            <a href="/" className="button" data-testid="not-found-home">
              {id.notFoundHome}
            </a>
          </p>
          <div lang="en">
            <h2>{en.notFound}</h2>
            <p>{en.notFoundText}</p>
            <p>
              <a href="/en">{en.notFoundHome}</a>
            </p>
          </div>
        </main>
      </body>
    </html>
  );
}
