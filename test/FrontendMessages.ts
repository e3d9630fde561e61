import { expect } from "chai";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { artifacts } from "hardhat";
import { IntlMessageFormat } from "intl-messageformat";
import { type SponsorRefusal, refusalValues } from "@layanan/core";

/**
 * The dApp speaks Bahasa Indonesia and English: every message key exists in both languages, and
 * every custom error the contracts can raise has a sentence in both.
 */
const MESSAGES = path.resolve(import.meta.dirname, "../frontend/messages");

function keys(value: unknown, prefix = ""): string[] {
  if (value === null || typeof value !== "object") return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
    keys(child, prefix ? `${prefix}.${key}` : key),
  );
}

const read = (locale: string, namespace: string) =>
  JSON.parse(readFileSync(path.join(MESSAGES, locale, `${namespace}.json`), "utf8")) as Record<string, unknown>;

/** The contracts whose reverts the dApp translates. */
const CONTRACTS = [
  "AgencyDirectory",
  "CitizenAttestations",
  "ServiceRequests",
  "DocumentRegistry",
  "CitizenAccount",
  "CitizenAccountFactory",
  "LayananPaymaster",
];

describe("dApp messages", function () {
  const namespaces = readdirSync(path.join(MESSAGES, "id")).map((file) => file.replace(/\.json$/, ""));

  it("has the same namespaces in id and en", function () {
    expect(readdirSync(path.join(MESSAGES, "en")).sort()).to.deep.equal(readdirSync(path.join(MESSAGES, "id")).sort());
  });

  for (const namespace of namespaces) {
    it(`has the same keys in id and en for ${namespace}`, function () {
      expect(keys(read("en", namespace)).sort()).to.deep.equal(keys(read("id", namespace)).sort());
    });
  }

  it("has a sentence in both languages for every custom error of the four contracts and the citizen-account contracts", async function () {
    const errors = new Set<string>();
    for (const name of CONTRACTS) {
      const { abi } = await artifacts.readArtifact(name);
      for (const item of abi) if (item.type === "error") errors.add(item.name);
    }
    expect(errors.size).to.be.greaterThan(85);
    for (const locale of ["id", "en"]) {
      const messages = read(locale, "errors");
      const missing = [...errors].filter((error) => typeof messages[error] !== "string" || messages[error] === "");
      expect(missing, `${locale}/errors.json lacks`).to.deep.equal([]);
    }
  });

  it("uses in each error sentence only placeholders that the error carries", async function () {
    const inputs = new Map<string, Set<string>>();
    for (const name of CONTRACTS) {
      const { abi } = await artifacts.readArtifact(name);
      for (const item of abi) {
        if (item.type === "error")
          inputs.set(item.name, new Set(item.inputs.map((input: { name: string }) => input.name)));
      }
    }
    for (const locale of ["id", "en"]) {
      for (const [error, sentence] of Object.entries(read(locale, "errors"))) {
        const placeholders = [...String(sentence).matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        const allowed = inputs.get(error) ?? new Set<string>();
        expect(
          placeholders.filter((p) => !allowed.has(p)),
          `${locale} ${error}`,
        ).to.deep.equal([]);
      }
    }
  });
});

/** One refusal of every rule the sponsor service gives (the Record makes the compiler ask for a new rule). */
const REFUSALS: Record<SponsorRefusal["rule"], SponsorRefusal> = {
  notCitizenAccount: { rule: "notCitizenAccount", sender: "0x00000000000000000000000000000000000000aa" },
  invalidCallData: { rule: "invalidCallData" },
  tooManyCalls: { rule: "tooManyCalls", count: 5, max: 4 },
  callNotAllowed: {
    rule: "callNotAllowed",
    index: 0,
    target: "0x00000000000000000000000000000000000000bb",
    selector: "0x12345678",
  },
  valueAttached: { rule: "valueAttached", index: 1 },
  quotaExhausted: { rule: "quotaExhausted", used: 8, quota: 8, resetsAt: "2026-12-02T17:00:00.000Z" },
  cityQuotaExhausted: { rule: "cityQuotaExhausted", quota: 5000, resetsAt: "2026-12-02T17:00:00.000Z" },
  gasTooHigh: { rule: "gasTooHigh", gas: "3500000", max: "3000000" },
  wrongEntryPoint: { rule: "wrongEntryPoint", entryPoint: "0x00000000000000000000000000000000000000cc" },
  wrongChain: { rule: "wrongChain", chainId: 8453 },
};

describe("dApp messages: the sponsor's refusals", function () {
  for (const locale of ["id", "en"]) {
    it(`renders every refusal as a whole ${locale} sentence from the values the dApp passes`, function () {
      const sentences = read(locale, "sponsor");
      for (const refusal of Object.values(REFUSALS)) {
        const sentence = sentences[refusal.rule];
        expect(sentence, `${locale}/sponsor.json ${refusal.rule}`).to.be.a("string");
        // As next-intl formats it; a placeholder typed as a date or a number would throw here.
        const values = refusalValues(refusal);
        const text = String(new IntlMessageFormat(String(sentence), locale).format(values));
        expect(text, `${locale} ${refusal.rule}`).not.to.match(/[{}]/);
        for (const [, name] of String(sentence).matchAll(/\{(\w+)/g)) {
          expect(values, `${locale} ${refusal.rule}: {${name}}`).to.have.property(name);
          expect(text, `${locale} ${refusal.rule}`).to.include(values[name]);
        }
      }
    });
  }

  it("gives the quota's reset as Jakarta's wall clock", function () {
    expect(refusalValues(REFUSALS.quotaExhausted)).to.deep.equal({
      used: "8",
      quota: "8",
      resetsAt: "2026-12-03 00:00 WIB",
    });
  });
});

describe("dApp generated modules", function () {
  it("keeps core/src/generated/abis.ts equal to the compiled ABIs (run tsx scripts/frontend-modules.ts --abis)", async function () {
    const { abisModule, ABIS_FILE } = await import("../scripts/frontend-modules.js");
    const committed = readFileSync(ABIS_FILE, "utf8");
    expect(committed === abisModule(), "core/src/generated/abis.ts is stale").to.equal(true);
  });
});
