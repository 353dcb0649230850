// node:fs / node:events in the bench page: the shared workload modules import them for their
// Node-only helpers (writing files), which the browser bench never calls.
const unavailable = () => {
  throw new Error('not available in the browser bench');
};
export default { createWriteStream: unavailable };
export const once = unavailable;
