"use client";
import { useCallback, useEffect, useRef, useState } from "react";

type Target = () => HTMLElement | null | undefined;

/**
 * Moves the focus once the next render is on the page: `focusAfterRender(() => ref.current)`
 * after a state change that shows (or brings back) the element. An effect runs after React has
 * committed the render; an animation frame may come before it, when the element is not there yet.
 */
export function useFocusAfterRender(): (target: Target) => void {
  const pending = useRef<Target | null>(null);
  const [requested, setRequested] = useState(0);
  useEffect(() => {
    const target = pending.current;
    pending.current = null;
    target?.()?.focus();
  }, [requested]);
  return useCallback((target: Target) => {
    pending.current = target;
    setRequested((n) => n + 1);
  }, []);
}
