"use client";
import { useTranslations } from "next-intl";
import { codeProblem, isUpperSnake, MAX_CODE_BYTES, suggestCode } from "@layanan/core";
import { Field } from "../Field";

/**
 * A short code (agency or service): 1 to 31 bytes, stored on chain as bytes32. UPPER_SNAKE_CASE
 * is suggested (with a button to use the suggestion), not required.
 */
export function CodeField({
  id,
  label,
  value,
  onChange,
  showProblem,
  disabled,
  testId,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  showProblem: boolean;
  disabled: boolean;
  testId: string;
}) {
  const t = useTranslations("admin.form");
  const tProblem = useTranslations("admin.problems");
  const problem = codeProblem(value);
  const suggestion = suggestCode(value);
  const offerSuggestion =
    value.trim() !== "" && !isUpperSnake(value) && suggestion !== "" && codeProblem(suggestion) === null;
  return (
    <Field
      id={id}
      label={label}
      hint={t("codeHint", { max: MAX_CODE_BYTES })}
      problem={problem && (showProblem || value !== "") ? tProblem(problem, { max: MAX_CODE_BYTES }) : null}
      problemTestId={`${testId}-problem`}
    >
      {(describedBy, invalid) => (
        <>
          <input
            id={id}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            disabled={disabled}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            data-testid={testId}
          />
          {offerSuggestion && (
            <p className="note" data-testid={`${testId}-suggestion`}>
              {t("codeSuggestion")} <code>{suggestion}</code>{" "}
              <button type="button" className="secondary" onClick={() => onChange(suggestion)} disabled={disabled}>
                {t("useSuggestion")}
              </button>
            </p>
          )}
        </>
      )}
    </Field>
  );
}
