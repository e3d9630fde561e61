/** A parsed CSV row with the 1-based line number where it starts in the file. */
export interface CsvRow {
  line: number;
  values: Record<string, string>;
}

export class CsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

/**
 * Parses RFC 4180 CSV (comma separated, double-quoted fields with "" escapes, CRLF or LF) with a
 * header row. Throws CsvError with the line number of the first malformed line.
 */
export function parseCsv(text: string): { header: string[]; rows: CsvRow[] } {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let fieldStarted = false;
  const source = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (quoted) {
      if (char === '"') {
        if (source[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (char === "\n") line++;
        field += char;
      }
      continue;
    }
    if (char === '"') {
      if (fieldStarted && field.length > 0) throw new CsvError(line, "a quote in the middle of an unquoted field");
      quoted = true;
      fieldStarted = true;
    } else if (char === ",") {
      fields.push(field);
      field = "";
      fieldStarted = false;
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && source[i + 1] === "\n") i++;
      fields.push(field);
      if (!(fields.length === 1 && fields[0] === "")) records.push({ line: recordLine, fields });
      fields = [];
      field = "";
      fieldStarted = false;
      line++;
      recordLine = line;
    } else {
      field += char;
      fieldStarted = true;
    }
  }
  if (quoted) throw new CsvError(recordLine, "a quoted field is not closed");
  fields.push(field);
  if (!(fields.length === 1 && fields[0] === "")) records.push({ line: recordLine, fields });
  if (records.length === 0) throw new CsvError(1, "the file is empty (a header row is needed)");

  const header = records[0].fields.map((name) => name.trim());
  if (header.some((name) => name === "")) throw new CsvError(records[0].line, "the header has an empty column name");
  const rows = records.slice(1).map(({ line: rowLine, fields: values }) => {
    if (values.length !== header.length) {
      throw new CsvError(rowLine, `expected ${header.length} fields, found ${values.length}`);
    }
    return { line: rowLine, values: Object.fromEntries(header.map((name, i) => [name, values[i].trim()])) };
  });
  return { header, rows };
}
