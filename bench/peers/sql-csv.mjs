// The CSV import on a raw SQLite peer, as a careful developer would write it without
// edgetally: the file as given (a string, or bytes decoded with TextDecoder), parsed with
// PapaParse (header row, empty lines skipped), each row mapped the way edgetally's importFile
// mapping does (name = title; properties {description, price, category, instructor}, price a
// JSON number, an empty cell null) and checked with the same rules as inserted things (the
// price rule included, bench/peers/sql-things.mjs); invalid rows skipped and counted (partial
// mode), the rest inserted with one prepared statement in one transaction. Answers the new ids.
import Papa from 'papaparse';
import { NAME_COLUMN, PROPERTY_COLUMNS } from '../workloads/csv-data.mjs';
import { PEER_GROUP_ID, thingInserter, toRow } from './sql-things.mjs';
import { withTransaction } from './transaction.mjs';

const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
const PROPERTIES = Object.entries(PROPERTY_COLUMNS);

/** A cell as its column's type: an empty cell is null, a number must be a JSON number. */
function coerce(cell, as, column) {
  if (cell === undefined || cell === '') return null;
  if (as !== 'number') return cell;
  if (!JSON_NUMBER.test(cell)) throw new TypeError(`${column} must be a number`);
  return Number(cell);
}

function toCourse(record) {
  const properties = {};
  for (const [column, as] of PROPERTIES) properties[column] = coerce(record[column], as, column);
  return { type: 'course', name: record[NAME_COLUMN], properties };
}

/** The INSERT values of a parsed record, or null when the record is invalid. */
function validRow(record, now) {
  try {
    return toRow(toCourse(record), PEER_GROUP_ID, now);
  } catch (error) {
    if (error instanceof TypeError) return null;
    throw error;
  }
}

/**
 * Parses and checks the CSV `file` (a string or bytes): {rows: the INSERT values of the valid
 * records, failed: how many were skipped}. Shared with the browser bench's IndexedDB peer.
 */
export function parseCsvRows(file, now) {
  const text = typeof file === 'string' ? file : new TextDecoder().decode(file);
  const { data, errors } = Papa.parse(text, { header: true, skipEmptyLines: true });
  const malformed = new Set(errors.map((error) => error.row));
  const rows = [];
  data.forEach((record, index) => {
    const row = malformed.has(index) ? null : validRow(record, now);
    if (row) rows.push(row);
  });
  return { rows, failed: data.length - rows.length };
}

/**
 * Imports the CSV `file` (a string or bytes) into `db` (holding the things table); returns
 * {success, failed, ids}.
 */
export function importCsv(peer, db, file) {
  const { rows, failed } = parseCsvRows(file, Date.now());
  const insert = thingInserter(peer, db);
  try {
    const ids = withTransaction(db, () => rows.map((row) => insert.insert(row)));
    return { success: ids.length, failed, ids };
  } finally {
    insert.free();
  }
}
