// What first-answer.html and floor.html do after their time is taken, for direct.mjs (no driver
// attached): POST the times and the page's edgetally:* marks to the bench's server, then reload
// while the count kept in sessionStorage is below `reloads`. Imported only after the timing.

/**
 * @param {object} times {ms, painted, answer, error}
 * @param {number} reloads how many times the page reloads itself in all
 */
export async function report(times, reloads) {
  const marks = Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name.replace('edgetally:', ''), m.startTime]));
  await fetch('/bench-report', { method: 'POST', body: JSON.stringify({ ...times, origin: performance.timeOrigin, marks }) });
  const done = Number(sessionStorage.getItem('edgetally-bench-reloads') ?? 0);
  if (done >= reloads) return;
  sessionStorage.setItem('edgetally-bench-reloads', String(done + 1));
  location.reload();
}
