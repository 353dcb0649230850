// Dexie on IndexedDB as a peer of the browser bench: the stack a web app would otherwise pick
// for durable data in the browser. Same rows and checks as the SQL peers (toRow of
// bench/peers/sql-things.mjs: type, name, properties, the price rule; CSV rows parsed with
// PapaParse and mapped like edgetally's importFile mapping, bench/peers/sql-csv.mjs), one
// bulkAdd in one transaction, the new keys returned ({ allKeys: true }). A table with an
// auto-increment key and the same (group, type) index as edgetally's things table.
import Dexie from 'dexie';
import { parseCsvRows } from '../peers/sql-csv.mjs';
import { PEER_GROUP_ID, toRow } from '../peers/sql-things.mjs';

export const name = 'Dexie (IndexedDB)';

/** An empty database `dbName` (deleted first). */
export async function fresh(dbName) {
  await Dexie.delete(dbName);
  const db = new Dexie(dbName);
  db.version(1).stores({ things: '++id, [groupId+type]' });
  await db.open();
  return db;
}

const toObject = ([groupId, type, name, properties, createdAt, updatedAt]) => ({ groupId, type, name, properties, createdAt, updatedAt });

/** Validates and adds `things` in one transaction; resolves with the new ids. */
export function insertThings(db, things) {
  const now = Date.now();
  return db.things.bulkAdd(things.map((thing) => toObject(toRow(thing, PEER_GROUP_ID, now))), { allKeys: true });
}

/** Imports a CSV (bytes): valid rows added in one transaction; {success, failed, ids}. */
export async function importCsv(db, file) {
  const { rows, failed } = parseCsvRows(file, Date.now());
  const ids = await db.things.bulkAdd(rows.map(toObject), { allKeys: true });
  return { success: ids.length, failed, ids };
}

export async function count(db) {
  return db.things.count();
}

export function close(db) {
  db.close();
}
