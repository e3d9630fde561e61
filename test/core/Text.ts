import { expect } from "chai";
import { plainText } from "@layanan/core";

/** @layanan/core's plainText: chain-supplied text made safe to print on a terminal. */

describe("@layanan/core plainText", function () {
  it("removes an ANSI colour escape whole, leaving no [31m behind", function () {
    expect(plainText("\u001b[31mDARURAT\u001b[0m")).to.equal("DARURAT");
    expect(plainText("a\u001b[1;38;5;196mb\u001b[2Jc\u001b[?25ld")).to.equal("abcd");
    expect(plainText("\u009b31mC1 CSI")).to.equal("C1 CSI");
  });

  it("removes an OSC sequence (a window title, a hyperlink) ended by BEL or ST", function () {
    expect(plainText("\u001b]0;pwned\u0007Jalan rusak")).to.equal("Jalan rusak");
    expect(plainText("\u001b]2;pwned\u001b\\Jalan rusak")).to.equal("Jalan rusak");
    expect(plainText("\u001b]8;;https://evil.example\u001b\\klik\u001b]8;;\u001b\\")).to.equal("klik");
    expect(plainText("ok \u001b]0;never ended")).to.equal("ok ");
    expect(plainText("\u001bcreset")).to.equal("reset");
  });

  it("removes bidi controls such as a right-to-left override", function () {
    const cleaned = plainText("abc\u202Etxt.exe");
    expect(cleaned).to.equal("abctxt.exe");
    expect(cleaned).to.not.contain("\u202E");
    expect(plainText("\u2066a\u2067b\u2068c\u2069\u200Ed\u200Fe\u061Cf\u202Ag\u202Bh\u202Ci\u202Dj")).to.equal(
      "abcdefghij",
    );
  });

  it("turns tabs and line breaks into a single space", function () {
    expect(plainText("baris 1\nbaris 2")).to.equal("baris 1 baris 2");
    expect(plainText("a\tb\r\nc\n\n\td")).to.equal("a b c d");
    expect(plainText("x\u2028y\u0085z")).to.equal("x y z");
  });

  it("removes the other C0 and C1 controls and DEL", function () {
    expect(plainText("a\u0000b\u0007c\u0008d\u007fe")).to.equal("abcde");
    expect(plainText("a\u0080b\u008dc\u009cd\u0099e")).to.equal("abcde");
    expect(plainText("a\u0090dcs string\u009cb")).to.equal("ab");
  });

  it("keeps ordinary text: Indonesian, accents, emoji", function () {
    for (const text of ["Jalan rusak di Dago 🚧 — é", "Lampu jalan mati di Jl. Kopo", "👩‍👧 ñ ü 日本 العربية", ""]) {
      expect(plainText(text)).to.equal(text);
    }
  });
});
