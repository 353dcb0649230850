// What <et-import> shows before anything is written: the format of a picked file, its first
// rows (parsed from the first 64 KiB only, so a large file previews at once) and its row count
// (one streaming pass counting record ends, for the quota pre-flight). The engine parses the
// whole file at import; this preview never decides what is imported.
const PREVIEW_BYTES = 64 * 1024;

/** 'csv' | 'ndjson' | 'json' from a file's name (CSV when it says nothing). */
export function formatOf(file) {
  const name = (file.name ?? '').toLowerCase();
  if (name.endsWith('.ndjson') || name.endsWith('.jsonl')) return 'ndjson';
  if (name.endsWith('.json')) return 'json';
  return 'csv';
}

/** { format, columns, rows } for the first `limit` records of `file` (a Blob/File). */
export async function previewFile(file, limit = 5) {
  const format = formatOf(file);
  const text = await file.slice(0, PREVIEW_BYTES).text();
  const records = format === 'csv' ? csvRecords(text, limit + 1) : jsonRecords(text, format, limit);
  if (format !== 'csv') {
    const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
    return { format, columns, rows: records.map((r) => columns.map((c) => display(r[c]))) };
  }
  const [columns = [], ...rows] = records;
  return { format, columns, rows };
}

/** Records in `file`: data lines for CSV/NDJSON (newlines inside quotes are not counted). */
export async function countRecords(file) {
  const format = formatOf(file);
  if (format === 'json') return null; // an array's length is known only after parsing it
  let count = 0;
  let inQuotes = false;
  let lineHasData = false;
  const reader = file.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    for (let i = 0; i < value.length; i += 1) {
      const byte = value[i];
      if (format === 'csv' && byte === 0x22) inQuotes = !inQuotes;
      if (byte === 0x0a && !inQuotes) {
        if (lineHasData) count += 1;
        lineHasData = false;
      } else if (byte !== 0x0d && byte !== 0x20) {
        lineHasData = true;
      }
    }
  }
  if (lineHasData) count += 1;
  return format === 'csv' ? Math.max(0, count - 1) : count; // less the header row
}

// RFC 4180 records from the start of a text (the last one may be cut off by the 64 KiB window).
function csvRecords(text, limit) {
  const records = [];
  let field = '';
  let record = [];
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length && records.length < limit; i += 1) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') (field += '"'), (i += 1);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') record.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i += 1;
      record.push(field);
      if (record.some((f) => f !== '')) records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (records.length < limit && (field || record.length)) records.push([...record, field]);
  return records;
}

function jsonRecords(text, format, limit) {
  if (format === 'ndjson') {
    return text.split('\n').slice(0, limit).map((line) => safeParse(line)).filter((r) => r && typeof r === 'object');
  }
  const parsed = safeParse(text); // small files parse whole; a large array previews nothing
  return Array.isArray(parsed) ? parsed.slice(0, limit).filter((r) => r && typeof r === 'object') : [];
}

function safeParse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function display(value) {
  if (value == null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
