"use client";
import { useEffect, useId, useRef, type ReactNode } from "react";

/**
 * An in-page confirmation before an action that cannot be undone: a small dialog in the flow of
 * the page (not window.confirm) that names the consequence, with "yes" and "back" buttons. Focus
 * moves to it when it opens, so a screen reader reads the question; Escape or "back" closes it
 * (the caller returns focus to the button that opened it).
 */
export function ConfirmStep({
  title,
  children,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onCancel,
  busy,
  testId = "confirm",
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  testId?: string;
}) {
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.focus({ preventScroll: true });
    box.current?.scrollIntoView({ block: "nearest" });
  }, []);
  return (
    <div
      ref={box}
      role="alertdialog"
      aria-modal="false"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      tabIndex={-1}
      className="confirm-step"
      data-testid={testId}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      <p id={`${id}-title`} className="confirm-title">
        {title}
      </p>
      <div id={`${id}-text`}>{children}</div>
      <div className="confirm-buttons">
        <button type="button" className="danger" onClick={onConfirm} disabled={busy} data-testid={`${testId}-yes`}>
          {confirmLabel}
        </button>
        <button type="button" className="secondary" onClick={onCancel} data-testid={`${testId}-no`}>
          {cancelLabel}
        </button>
      </div>
    </div>
  );
}
