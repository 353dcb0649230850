// The demo's sample data: a course catalogue CSV for the fictional course platform "Coursely"
// (title, description, price, category, instructor, level, hours), deterministic, with a few
// rows a real export would carry that the store's rules refuse: a price of "free", a negative
// price, an empty title, hours that are not a number. Pure (no Node APIs): the page imports it
// to link imported courses to their instructors; make-sample.mjs writes the files.

export const SAMPLE_ROWS = 24_000;
export const INSTRUCTORS = ['Ada Park', 'Bruno Silva', 'Chen Wei', 'Dana Levi', 'Emeka Obi', 'Farah Khan', 'Gus Moreau', 'Hana Sato'];
const CATEGORIES = ['Development', 'Design', 'Business', 'Marketing', 'Data', 'Photography'];
const LEVELS = ['Beginner', 'Intermediate', 'Advanced'];
const TOPICS = ['SQL', 'TypeScript', 'Figma', 'Pricing', 'SEO', 'Pandas', 'Lighting', 'Rust', 'Branding', 'Statistics'];

/** Row i of the catalogue as CSV cells; rows with i % 250 in {17, 93, 161, 222} are invalid. */
export function sampleRow(i) {
  const topic = TOPICS[i % TOPICS.length];
  const level = LEVELS[i % LEVELS.length];
  let title = `${topic} for ${level.toLowerCase()}s (part ${1 + (i % 12)})`;
  let price = (9 + ((i * 7) % 190) + 0.99).toFixed(2);
  let hours = String(1 + (i % 40));
  if (i % 250 === 17) price = 'free';
  if (i % 250 === 93) price = '-15.00';
  if (i % 250 === 161) title = '';
  if (i % 250 === 222) hours = 'a few';
  const description = `"${topic}, hands-on: ${level.toLowerCase()} projects, quizzes, ""real"" data"`;
  return [title, description, price, CATEGORIES[i % CATEGORIES.length], INSTRUCTORS[i % INSTRUCTORS.length], level, hours];
}

/** How many of the first `rows` rows the store refuses. */
export function invalidRows(rows) {
  let n = 0;
  for (let i = 0; i < rows; i += 1) n += [17, 93, 161, 222].includes(i % 250);
  return n;
}

/** The catalogue of `rows` rows as CSV text. */
export function sampleCsv(rows = SAMPLE_ROWS) {
  const lines = ['title,description,price,category,instructor,level,hours'];
  for (let i = 0; i < rows; i += 1) lines.push(sampleRow(i).join(','));
  return `${lines.join('\n')}\n`;
}

