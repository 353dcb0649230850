// The demo's workspaces (tenants) on three plans, and the people in each: the instructors of
// the sample catalogue (things of type 'creator') and a pool of learners (type 'learner') who
// view, like, comment, follow and pay. Created once per store; later visits find them.
import { ErrorCode } from '/js/index.browser.js';
import { INSTRUCTORS } from './sample-data.mjs';

export const WORKSPACES = [
  { id: 'acme', name: 'Acme Academy', plan: 'pro' },
  { id: 'tiny', name: 'Tiny Tutors', plan: 'starter' },
  { id: 'bigu', name: 'Big University', plan: 'enterprise' },
];
const LEARNERS = 60;

/** The store rules of the catalogue: a course's price is a number >= 0. */
export const RULES = { schemas: { course: { price: { type: 'number', min: 0, required: true } } } };

/** Creates the workspaces and their people unless they exist; returns {groupId: people}. */
export async function ensureWorkspaces(store) {
  await store.setValidationRules({ rules: RULES });
  const people = {};
  for (const ws of WORKSPACES) {
    const created = await store.createGroup(ws).then(() => true, (error) => {
      if (error.code !== ErrorCode.ALREADY_EXISTS) throw error;
      return false;
    });
    if (created) await seedPeople(store, ws.id);
    people[ws.id] = await readPeople(store, ws.id);
  }
  return people;
}

async function seedPeople(store, groupId) {
  const creators = INSTRUCTORS.map((name) => ({ type: 'creator', name }));
  const learners = Array.from({ length: LEARNERS }, (_, i) => ({ type: 'learner', name: `Learner ${i + 1}` }));
  const { created } = await store.batchInsertThings({ groupId, things: [...creators, ...learners], skipValidation: true });
  localStorage.setItem(`coursely:${groupId}:people`, JSON.stringify(created));
}

// The ids of the workspace's instructors and learners (kept beside the store by this page).
async function readPeople(store, groupId) {
  const ids = JSON.parse(localStorage.getItem(`coursely:${groupId}:people`) ?? '[]');
  return { creators: ids.slice(0, INSTRUCTORS.length), learners: ids.slice(INSTRUCTORS.length) };
}
