// The CSV file the import workloads read: columns title, description, price, category,
// instructor; every description quoted and holding commas, every 10th one also an embedded
// newline and doubled quotes; 3% of the rows invalid (price 'n/a', a negative price, which the
// price rule refuses, or an empty title). Generated
// in memory (100K rows) or streamed to disk (1M rows) from the same rows, so both imports read
// the same shape and the expected counts follow from the row numbers.
import fs from 'node:fs';
import { once } from 'node:events';

const HEADER = 'title,description,price,category,instructor\n';

/** What every stack makes of a row: the name's column, and the property columns with their type. */
export const NAME_COLUMN = 'title';
export const PROPERTY_COLUMNS = {
  description: 'string',
  price: 'number',
  category: 'string',
  instructor: 'string',
};
const CATEGORIES = ['development', 'design', 'business', 'marketing', 'data'];
const ROWS_PER_BLOCK = 10_000;

/** Row i is invalid when i % 100 is one of these: a price of 'n/a', an empty title, price < 0. */
const BAD_PRICE = 7;
const EMPTY_TITLE = 57;
const NEGATIVE_PRICE = 77;

function description(i) {
  if (i % 10 === 0) {
    return `"Course ${i}, in depth: ""hands-on"" labs, quizzes, and a project.\nSecond line, too."`;
  }
  return `"Course ${i}, the basics, practice, and a final quiz."`;
}

function csvRow(i) {
  const title = i % 100 === EMPTY_TITLE ? '' : `Course ${i}`;
  let price = ((i % 500) / 10 + 0.99).toFixed(2);
  if (i % 100 === BAD_PRICE) price = 'n/a';
  if (i % 100 === NEGATIVE_PRICE) price = '-5.00';
  const category = CATEGORIES[i % CATEGORIES.length];
  return `${title},${description(i)},${price},${category},Instructor ${i % 97}\n`;
}

/** Rows [from, to) as one string. */
function csvBlock(from, to) {
  let text = '';
  for (let i = from; i < to; i++) text += csvRow(i);
  return text;
}

/** {success, failed} an import of `rows` rows must report. */
export function expectedCounts(rows) {
  let failed = 0;
  for (let i = 0; i < rows; i++) failed += [BAD_PRICE, EMPTY_TITLE, NEGATIVE_PRICE].includes(i % 100);
  return { success: rows - failed, failed };
}

/** The file as a string in memory. */
export function makeCsvText(rows) {
  return HEADER + csvBlock(0, rows);
}

/** The file as bytes in memory. */
export function makeCsvBytes(rows) {
  return new TextEncoder().encode(makeCsvText(rows));
}

/** Streams the file to `path` block by block (never whole in memory); resolves when written. */
export async function writeCsvFile(path, rows) {
  const out = fs.createWriteStream(path);
  const finished = once(out, 'finish');
  if (!out.write(HEADER)) await once(out, 'drain');
  for (let from = 0; from < rows; from += ROWS_PER_BLOCK) {
    if (!out.write(csvBlock(from, Math.min(rows, from + ROWS_PER_BLOCK)))) await once(out, 'drain');
  }
  out.end();
  await finished;
}
