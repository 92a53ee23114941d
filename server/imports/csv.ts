// CSV contact import for German Excel, Outlook and Google Contacts exports: decoding, separator
// detection, a preview with a suggested column mapping, and the parse into validated drafts.
// Quoting, embedded newlines and "" escapes are csv-parse's job; this file only keeps track of
// where each record starts so that errors point at the line the user sees in an editor.
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { Invalid } from '../errors.js';
import { NAME_SOURCES } from '../../shared/imports.js';
import {
  MAX_COLUMNS,
  columnMappingSchema,
  suggestMapping,
  type ColumnMapping,
} from './csv.mapping.js';
import { cleanCell, mappedColumns, rowToDraft } from './csv.row.js';
import { decodeText, type TextEncoding } from './decode.js';
import { atLine, collectImport, type ImportResult, type ImportSink } from './draft.js';

/** Separators a CSV file may use; German Excel writes ";". */
export const CSV_DELIMITERS = [';', ',', '\t'] as const;
/** The separator of a CSV file. */
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/** What the user sees before choosing a mapping. */
export interface CsvPreview {
  encoding: TextEncoding;
  delimiter: CsvDelimiter;
  /** Header names as in the file. */
  columns: string[];
  /** The first data rows, cell by cell. */
  sample: string[][];
  /** The mapping `suggestMapping` proposes for the header. */
  suggested: ColumnMapping;
  /** Data rows in the file (empty lines not counted). */
  rowCount: number;
}

/** Options of `previewCsv`. */
export const csvPreviewOptionsSchema = z.object({
  sampleRows: z.number().int().min(0).max(100).default(5),
});

/** A data record and the 1-based line where it starts. */
interface CsvRecord {
  line: number;
  cells: string[];
}

/** What `readCsv` found besides the records it hands over one by one. */
interface CsvTable {
  encoding: TextEncoding;
  delimiter: CsvDelimiter;
  columns: string[];
  /** Records csv-parse could not read (an unclosed quote swallows the rest of the file). */
  malformed: { line: number; detail: string }[];
}

// Excel understands (and some tools write) a first line "sep=;" naming the separator.
const SEP_LINE = /^sep=([;,\t])\r?\n/i;

/** Picks the separator that occurs most often outside quotes in the header line (";" on a tie). */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>(CSV_DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of text.trimStart()) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char as CsvDelimiter)) {
      counts.set(char as CsvDelimiter, (counts.get(char as CsvDelimiter) ?? 0) + 1);
    }
  }
  let best: CsvDelimiter = ';';
  for (const d of CSV_DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

/** Counts the line breaks (CRLF, CR or LF) inside a cell, as an editor numbers lines. */
function countBreaks(cell: string): number {
  let breaks = 0;
  for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) breaks++;
  for (let i = cell.indexOf('\r'); i !== -1; i = cell.indexOf('\r', i + 1)) {
    if (cell.charCodeAt(i + 1) !== 0x0a) breaks++;
  }
  return breaks;
}

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

/** What the callers of `readCsv` do with the header and with each data record. */
interface CsvHandlers {
  onHeader?: (columns: string[]) => void;
  /** After the header is accepted: the records csv-parse read, header and empty lines included. */
  onRecords?: (records: number) => void;
  onRecord: (record: CsvRecord) => void;
}

/**
 * Reads the header and hands each non-empty data record over with the line where it starts.
 * Every record, empty lines included, takes one line plus the breaks inside its quoted cells;
 * csv-parse's own line counter is not used because it counts CRLF inside quotes twice.
 */
function readCsv(bytes: Uint8Array, { onHeader, onRecords, onRecord }: CsvHandlers): CsvTable {
  const { text: decoded, encoding } = decodeText(bytes);
  const sep = SEP_LINE.exec(decoded);
  const text = sep ? decoded.slice(sep[0].length) : decoded;
  const delimiter = sep ? (sep[1] as CsvDelimiter) : detectDelimiter(text);

  const skipped: { before: number; detail: string }[] = [];
  const records = parse(text, {
    delimiter,
    relax_column_count: true,
    // Unquoted inch marks ('27" Monitor') are common in hand-made lists; keep them as typed.
    relax_quotes: true,
    // Empty lines come through as records so that they are counted as lines.
    skip_empty_lines: false,
    // No size limit: an unclosed quote then runs to the end of the file and is reported once,
    // where it starts, instead of failing somewhere in the middle with lines lost after it.
    max_record_size: 0,
    skip_records_with_error: true,
    on_skip: (err) => {
      const before = typeof err?.records === 'number' ? err.records : Infinity;
      skipped.push({ before, detail: err?.message ?? 'unreadable record' });
      return undefined;
    },
  });

  let columns: string[] | undefined;
  const malformed: CsvTable['malformed'] = [];
  let line = sep ? 2 : 1;
  records.forEach((cells, index) => {
    for (const skip of skipped) {
      if (skip.before === index) malformed.push({ line, detail: skip.detail });
    }
    const recordLine = line;
    line += 1;
    for (const cell of cells) if (cell.length > 1) line += countBreaks(cell);
    // Rows with nothing but separators (";;;;", as Excel writes empty rows) are empty lines too.
    if (isBlank(cells)) return;
    if (!columns) {
      if (cells.length > MAX_COLUMNS) {
        throw new Invalid(`The file has more than ${MAX_COLUMNS} columns`, 'too_many_columns');
      }
      columns = cells.map((c) => c.trim());
      onHeader?.(columns);
      onRecords?.(records.length);
    } else onRecord({ line: recordLine, cells });
  });
  for (const skip of skipped) {
    if (skip.before >= records.length) malformed.push({ line, detail: skip.detail });
  }
  if (!columns) throw new Invalid('The file is empty: a header row is expected', 'empty_file');
  return { encoding, delimiter, columns, malformed };
}

/**
 * Reads a CSV file far enough to show it: encoding, separator, header, the first rows, a
 * suggested mapping and the number of data rows. Throws `Invalid` for empty or binary files.
 */
export function previewCsv(
  bytes: Uint8Array,
  options: z.input<typeof csvPreviewOptionsSchema> = {},
): CsvPreview {
  const { sampleRows } = csvPreviewOptionsSchema.parse(options);
  const sample: string[][] = [];
  let rowCount = 0;
  const table = readCsv(bytes, {
    onRecord: ({ cells }) => {
      rowCount++;
      if (sample.length < sampleRows) sample.push(cells.map(cleanCell));
    },
  });
  return {
    encoding: table.encoding,
    delimiter: table.delimiter,
    columns: table.columns,
    sample,
    suggested: suggestMapping(table.columns),
    rowCount: rowCount + table.malformed.length,
  };
}

/**
 * Reads every data row into a validated draft or errors, with the line where the row starts,
 * handing each to `sink` as soon as it is read (the import worker sends them on in batches).
 * Throws `Invalid` when the mapping does not fit the file or names no source for the name.
 */
export function readCsvRows(bytes: Uint8Array, mapping: ColumnMapping, sink: ImportSink): void {
  const checked = columnMappingSchema.safeParse(mapping);
  if (!checked.success) {
    throw new Invalid(
      'The column mapping is invalid',
      'invalid_mapping',
      z.treeifyError(checked.error),
    );
  }
  if (!checked.data.some((field) => field && NAME_SOURCES.has(field))) {
    throw new Invalid(
      'Map at least one column to a name or an e-mail address',
      'mapping_without_name',
    );
  }
  const fields = checked.data;
  const columns = mappedColumns(fields);
  let width = 0;
  const table = readCsv(bytes, {
    onHeader: (header) => {
      width = header.length;
      if (fields.length !== width) {
        throw new Invalid(
          `The mapping has ${fields.length} entries but the file has ${width} columns`,
          'invalid_mapping',
        );
      }
    },
    // Less the header: empty lines make it an estimate, which is all a progress bar needs.
    onRecords: (records) => sink.total?.(Math.max(0, records - 1)),
    onRecord: ({ line, cells }) => {
      // Empty trailing cells lose nothing; values beyond the header would be dropped unseen.
      if (cells.length > width && cells.slice(width).some((c) => cleanCell(c))) {
        sink.error({ line, code: 'too_many_columns', detail: `${cells.length} > ${width}` });
        return;
      }
      const { draft, issues } = rowToDraft(cells, columns);
      if (issues.length) for (const error of atLine(line, issues)) sink.error(error);
      else sink.row({ line, draft });
    },
  });
  for (const { line, detail } of table.malformed) {
    sink.error({ line, code: 'malformed_row', detail });
  }
}

/** `readCsvRows` into one `ImportResult`. */
export function parseCsv(bytes: Uint8Array, mapping: ColumnMapping): ImportResult {
  return collectImport((sink) => readCsvRows(bytes, mapping, sink));
}
