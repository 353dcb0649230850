// The column mapping editor of <et-import>: which column holds the name, and for every other
// column whether it becomes a property and as what type. It produces the `mapping` option of
// store.importFile ({ name, properties: { col: { column, as } } }).
import { el } from './base.js';

const COERCIONS = ['string', 'number', 'integer', 'boolean', 'skip'];
const NAME_GUESSES = ['name', 'title', 'label'];

/** The starting mapping for these columns: a name column guessed, every other one as text. */
export function defaultMapping(columns) {
  const name = columns.find((c) => NAME_GUESSES.includes(c.toLowerCase())) ?? columns[0] ?? 'name';
  const properties = {};
  for (const column of columns) {
    if (column !== name && column.toLowerCase() !== 'type') properties[column] = { column, as: 'string' };
  }
  return { name, properties };
}

/** The editor: a name select and one type select per other column; `onChange(mapping)`. */
export function mappingEditor(columns, mapping, onChange) {
  const nameSelect = el('select', { id: 'et-name-column', part: 'name-select' },
    columns.map((c) => el('option', { value: c, selected: c === mapping.name }, c)));
  nameSelect.addEventListener('change', () => onChange({ ...mapping, name: nameSelect.value }));
  const rows = columns.filter((c) => c !== mapping.name).map((column) => {
    const current = mapping.properties[column]?.as ?? 'skip';
    const select = el('select', { 'aria-label': `Import column ${column} as`, 'data-column': column },
      COERCIONS.map((as) => el('option', { value: as, selected: as === current }, as === 'skip' ? "don't import" : as)));
    select.addEventListener('change', () => onChange(withColumn(mapping, column, select.value)));
    return el('tr', {}, el('td', {}, column), el('td', {}, select));
  });
  return el('div', { part: 'mapping' },
    el('label', { for: 'et-name-column' }, 'Name column '), nameSelect,
    el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, 'Column'), el('th', {}, 'Import as'))), el('tbody', {}, rows)));
}

function withColumn(mapping, column, as) {
  const properties = { ...mapping.properties };
  if (as === 'skip') delete properties[column];
  else properties[column] = { column, as };
  return { ...mapping, properties };
}
