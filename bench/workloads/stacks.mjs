// What workloads share about stacks: the four stack names, the peer adapter behind a stack
// label ('sql.js plain' is sql.js), and the digest of a list of new ids, so every workload
// compares ids the same way across engines.
import { PEERS, PEERS_BY_NAME } from '../peers/index.mjs';

/** The stack labels of a workload run once per engine: edgetally first. */
export const ALL_STACKS = PEERS.map((peer) => peer.name);

/** {peer, variant} of a label: 'sql.js plain' -> sql.js's adapter, variant 'plain'. */
export function stackOf(label) {
  const [name, variant] = label.split(' ');
  const peer = PEERS_BY_NAME.get(name);
  if (!peer) throw new Error(`unknown stack '${label}'`);
  return { peer, variant: variant ?? null };
}

/** {count, first, last, ascending}: what the bench compares of a list of new ids. */
export function idsDigest(ids) {
  let ascending = true;
  for (let i = 1; i < ids.length && ascending; i++) ascending = ids[i] > ids[i - 1];
  return { count: ids.length, first: ids[0] ?? null, last: ids.at(-1) ?? null, ascending };
}

/** Throws unless every count in `counts` ({label -> number}) equals `expected`. */
export function expectCounts(stack, what, counts, expected) {
  if (Object.values(counts).every((value) => value === expected)) return;
  const got = Object.entries(counts).map(([label, value]) => `${label} ${value}`).join(', ');
  throw new Error(`${stack}: ${what} ${got}, expected ${expected}`);
}
