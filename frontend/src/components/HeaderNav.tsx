"use client";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { Link, usePathname } from "@/i18n/navigation";

export interface NavItem {
  href: string;
  label: string;
}

/**
 * The main menu: a row of links on a wide screen; on a phone a "Menu" button that opens the list
 * below the header (Escape or following a link closes it), so the header stays one line high.
 * No wallet code: the public pages load this too.
 */
export function HeaderNav({ items }: { items: NavItem[] }) {
  const t = useTranslations("common.nav");
  const pathname = usePathname();
  const id = useId();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);

  // A new page: the menu closes.
  useEffect(() => setOpen(false), [pathname]);
  // Escape closes the open menu, wherever the focus is, and gives the focus back to its button.
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  return (
    <>
      <button
        ref={button}
        type="button"
        className="menu-button secondary"
        aria-expanded={open}
        aria-controls={`${id}-nav`}
        onClick={() => setOpen((value) => !value)}
        data-testid="menu-button"
      >
        <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M3 6h18M3 12h18M3 18h18" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
        </svg>
        {t("open")}
      </button>
      <nav id={`${id}-nav`} aria-label={t("menu")} className={`site-nav${open ? " open" : ""}`}>
        <ul>
          {items.map((item) => (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={pathname === item.href ? "page" : undefined}
                onClick={() => setOpen(false)}
              >
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}
