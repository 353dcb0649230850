// Simulated learner activity for the demo: a day of views, likes, comments, shares, follows
// and payments on the workspace's courses, written with logEvents in one batch so every metric
// card updates from the store's change event.
const WEIGHTS = [['view', 60], ['like', 14], ['comment', 6], ['share', 4], ['follow', 6], ['payment', 10]];

function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}

function pickType(random) {
  let r = random() * 100;
  for (const [type, weight] of WEIGHTS) {
    if ((r -= weight) < 0) return type;
  }
  return 'view';
}

/** `count` events of one day (ending now) by `learners` on `courses` and `creators`. */
export function simulateDay({ learners, creators, courses, count = 400, now = Date.now(), random = Math.random }) {
  const events = [];
  for (let i = 0; i < count && courses.length && learners.length; i += 1) {
    const type = pickType(random);
    const event = { type, actorId: pick(random, learners), ts: now - Math.floor(random() * 20 * 3600 * 1000) };
    event.targetId = type === 'follow' ? pick(random, creators) : pick(random, courses);
    if (type === 'payment') event.amount = 999 + Math.floor(random() * 9000);
    events.push(event);
  }
  return events;
}
