// The CSV import on a raw SQLite peer (sql.js, sqlite-wasm, better-sqlite3), as a careful
// developer would write it without edgetally: decode the bytes, parse with PapaParse
// (header row, empty lines skipped), validate each row the way edgetally's mapping does
// (name = title trimmed, 1-256 characters; properties {description, price, category,
// instructor}, price a JSON number, an empty cell null), skip and count the invalid ones, and
// insert the rest with one prepared statement in one transaction, JSON.stringify(properties).
import Papa from 'papaparse';
import { NAME_COLUMN, PROPERTY_COLUMNS } from '../workloads/csv-data.mjs';
import { INSERT_THING, PEER_GROUP_ID, toRow } from '../workloads/insert-things.mjs';
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

/** The INSERT_THING values of a parsed record, or null when the record is invalid. */
function validRow(record, now) {
  try {
    return toRow(toCourse(record), PEER_GROUP_ID, now);
  } catch (error) {
    if (error instanceof TypeError) return null;
    throw error;
  }
}

/** Imports the CSV `bytes` into `db` (which holds the things table); returns {success, failed}. */
export function importCsv(peer, db, bytes) {
  const text = new TextDecoder().decode(bytes);
  const { data, errors } = Papa.parse(text, { header: true, skipEmptyLines: true });
  const malformed = new Set(errors.map((error) => error.row));
  const insert = peer.prepare(db, INSERT_THING);
  const now = Date.now();
  let failed = 0;
  withTransaction(db, () => {
    data.forEach((record, index) => {
      const row = malformed.has(index) ? null : validRow(record, now);
      if (row) insert.run(row);
      else failed += 1;
    });
  });
  insert.free();
  return { success: data.length - failed, failed };
}
