/**
 * XML for the Open311 GeoReport v2 answers: a JSON value written as nested elements, with the
 * element name of a list's items given per list (`service_requests` holds `request`s), and a small
 * well-formedness parser, the inverse, that the tests use to read the answers back.
 */

/** Characters XML 1.0 does not allow at all (C0 controls but tab, CR and LF; U+FFFE, U+FFFF; lone surrogates). */
const NOT_XML_CHAR = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Text as XML character data or an attribute value: `&`, `<`, `>`, `"` and `'` escaped, and the
 * characters XML cannot carry at all (a citizen could type a control character) replaced by U+FFFD,
 * so that any summary or note gives a well-formed document.
 */
export function xmlEscape(text: string): string {
  return text
    .replace(NOT_XML_CHAR, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

export type JsonValue = string | number | boolean | null | undefined | JsonValue[] | { [key: string]: JsonValue };

/** XML element names of the items of each list, by the list's name (GeoReport v2's XML examples). */
export const XML_ITEM_NAMES: Readonly<Record<string, string>> = {
  service_requests: "request",
  services: "service",
  endpoints: "endpoint",
  formats: "format",
  attributes: "attribute",
  values: "value",
  errors: "error",
};

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function element(name: string, value: JsonValue, itemNames: Readonly<Record<string, string>>): string {
  if (!NAME.test(name)) throw new Error(`not an XML element name: ${name}`);
  if (value === null || value === undefined || value === "") return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = itemNames[name];
    if (item === undefined) throw new Error(`no XML item name for the list ${name}`);
    if (value.length === 0) return `<${name}/>`;
    return `<${name}>${value.map((v) => element(item, v, itemNames)).join("")}</${name}>`;
  }
  if (typeof value === "object") {
    const inner = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => element(k, v, itemNames))
      .join("");
    return inner === "" ? `<${name}/>` : `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${xmlEscape(String(value))}</${name}>`;
}

/**
 * A document with root element `root` holding `value`: an object's keys become child elements in
 * order, a list's items become elements named by `itemNames[list]`, null and "" become empty
 * elements, booleans `true` / `false`; undefined keys are left out.
 */
export function toXml(
  root: string,
  value: JsonValue,
  itemNames: Readonly<Record<string, string>> = XML_ITEM_NAMES,
): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, itemNames)}\n`;
}

/** An element read back by parseXml: its name, attributes, child elements and text (entities decoded). */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeEntities(text: string, at: number): string {
  return text.replace(/&([^;&<]*);|&/g, (whole, ref: string | undefined) => {
    if (ref === undefined) throw new Error(`bare & at ${at}`);
    if (ref in ENTITIES) return ENTITIES[ref];
    const code = /^#x[0-9a-fA-F]+$/.test(ref)
      ? parseInt(ref.slice(2), 16)
      : /^#[0-9]+$/.test(ref)
        ? parseInt(ref.slice(1), 10)
        : NaN;
    if (Number.isNaN(code) || code > 0x10ffff) throw new Error(`unknown entity ${whole} at ${at}`);
    return String.fromCodePoint(code);
  });
}

/**
 * Parses a well-formed XML document (the subset these answers use: a declaration, elements,
 * attributes, text, comments, CDATA) into its root element; throws on anything ill-formed: a
 * mismatched or unclosed tag, a bare `&` or `<`, an unknown entity, a character XML does not allow,
 * text outside the root, or more than one root.
 */
export function parseXml(xml: string): XmlElement {
  const bad = xml.search(NOT_XML_CHAR);
  if (bad !== -1) throw new Error(`character not allowed in XML at ${bad}`);
  let i = 0;
  if (xml.startsWith("<?xml")) {
    const end = xml.indexOf("?>");
    if (end === -1) throw new Error("unclosed XML declaration");
    i = end + 2;
  }
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < xml.length) {
    if (xml.startsWith("<!--", i)) {
      const end = xml.indexOf("-->", i + 4);
      if (end === -1) throw new Error(`unclosed comment at ${i}`);
      i = end + 3;
    } else if (xml.startsWith("<![CDATA[", i)) {
      const end = xml.indexOf("]]>", i + 9);
      if (end === -1 || stack.length === 0) throw new Error(`bad CDATA at ${i}`);
      stack[stack.length - 1].text += xml.slice(i + 9, end);
      i = end + 3;
    } else if (xml.startsWith("</", i)) {
      const m = /^<\/([A-Za-z_][\w.-]*)\s*>/.exec(xml.slice(i));
      const open = stack.pop();
      if (!m || !open || open.name !== m[1]) throw new Error(`mismatched closing tag at ${i}`);
      i += m[0].length;
    } else if (xml[i] === "<") {
      const m = /^<([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/.exec(
        xml.slice(i),
      );
      if (!m) throw new Error(`bad tag at ${i}`);
      if (stack.length === 0 && root !== undefined) throw new Error(`second root element at ${i}`);
      const attributes: Record<string, string> = {};
      for (const a of m[2].matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        if (a[1] in attributes) throw new Error(`duplicate attribute ${a[1]} at ${i}`);
        attributes[a[1]] = decodeEntities(a[2] ?? a[3], i);
      }
      const el: XmlElement = { name: m[1], attributes, children: [], text: "" };
      if (stack.length === 0) root = el;
      else stack[stack.length - 1].children.push(el);
      if (m[3] !== "/") stack.push(el);
      i += m[0].length;
    } else {
      const end = xml.indexOf("<", i) === -1 ? xml.length : xml.indexOf("<", i);
      const text = xml.slice(i, end);
      if (stack.length === 0) {
        if (text.trim() !== "") throw new Error(`text outside the root element at ${i}`);
      } else {
        if (text.includes("]]>")) throw new Error(`]]> in text at ${i}`);
        stack[stack.length - 1].text += decodeEntities(text, i);
      }
      i = end;
    }
  }
  if (stack.length > 0) throw new Error(`unclosed element <${stack[stack.length - 1].name}>`);
  if (root === undefined) throw new Error("no root element");
  return root;
}

/**
 * An element read back as the JSON value toXml wrote, given which element names are lists
 * (`XML_ITEM_NAMES`' keys): text for a leaf, an object for an element with children. Leaves come
 * back as strings ("" for an empty element), so compare with `jsonAsXmlText` of the JSON answer.
 */
export function xmlToJson(el: XmlElement, itemNames: Readonly<Record<string, string>> = XML_ITEM_NAMES): JsonValue {
  if (el.name in itemNames) return el.children.map((c) => xmlToJson(c, itemNames));
  if (el.children.length === 0) return el.text;
  const out: Record<string, JsonValue> = {};
  for (const c of el.children) {
    if (c.name in out) throw new Error(`repeated element <${c.name}> in <${el.name}>`);
    out[c.name] = xmlToJson(c, itemNames);
  }
  return out;
}

/**
 * A JSON answer as XML would carry it: leaves as text (null and undefined as "", booleans as
 * "true" / "false"), undefined keys dropped, an empty object as "" (an empty element).
 */
export function jsonAsXmlText(value: JsonValue): JsonValue {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(jsonAsXmlText);
  if (typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "";
    return Object.fromEntries(entries.map(([k, v]) => [k, jsonAsXmlText(v)]));
  }
  return String(value);
}
