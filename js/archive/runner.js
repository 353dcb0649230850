// ArchivalRunner: the Store side of archival (README "Archival"). archiveGroupEvents runs
// batches (archive/engine-steps.js, where the engine runs) until the group has no events older
// than its cutoff, reporting progress and stopping between batches when its AbortSignal fires;
// then gives free pages back in short steps and records the run's outcome. runDailyArchival
// does that for every group, then applies body retention. Runs of one Store are serialized.
// The daily schedule: while this tab owns the store, a timer fires at the configured UTC time
// (configureArchival), and on start a run missed while the store was closed is caught up.
import { checkArgsObject, checkChunkOptions } from '../arg-check.js';
import { ErrorCode, makeError } from '../errors.js';

const CONFLICT_RETRIES = 3; // a batch whose events changed under it is prepared again
const RECLAIM_STEP_PAGES = 4096; // pages per incremental_vacuum step (16 MiB at 4 KiB pages): the bench run's ~2,150 in one
const MAX_TIMER_MS = 2 ** 31 - 1;
let runs = 0;

export class ArchivalRunner {
  #call;
  #tail = Promise.resolve(); // the runs of this Store, one after another
  #timer = null;
  #running = null;
  #stopped = true;
  #onError;

  /**
   * @param {(op: string, args: object) => Promise<any>} call the Store's call
   * @param {(error: Error) => void} [onError] a scheduled run that failed as a whole
   */
  constructor(call, onError = () => {}) {
    this.#call = call;
    this.#onError = onError;
  }

  #serial(run) {
    const next = this.#tail.then(run, run);
    this.#tail = next.catch(() => {});
    return next;
  }

  async #batch(batch, run, finish) {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#call('archiveRunBatch', { batch, run, finish });
      } catch (error) {
        if (error.code !== ErrorCode.ARCHIVE_CONFLICT || error.details?.rule !== 'events_changed' || attempt >= CONFLICT_RETRIES) throw error;
      }
    }
  }

  async #reclaim(space) { // space: after the reclaim step the last commit took, if it took one
    space ??= await this.#call('archiveReclaim', { maxPages: RECLAIM_STEP_PAGES });
    for (let steps = 0; space.reclaim === 'incremental_vacuum' && space.freePages > 0 && steps < 10000; steps++) {
      space = await this.#call('archiveReclaim', { maxPages: RECLAIM_STEP_PAGES });
    }
    return space;
  }

  /** archiveGroupEvents: see index.d.ts. */
  async archiveGroup(args = {}) { // async: a bad argument rejects, like every other store method
    checkArgsObject(args, 'archiveGroupEvents');
    const { signal, onProgress, ...rest } = args;
    checkChunkOptions({ signal, onProgress }, 1);
    return this.#serial(() => this.#archiveGroup(rest, signal, onProgress));
  }

  async #archiveGroup(rest, signal, onProgress) {
    const begin = await this.#call('archiveGroupBegin', rest);
    const { groupId, daysCutoff, cutoffTs } = begin;
    const chunks = [];
    let archived = 0, finished = null;
    const run = ++runs; // names this run's batches (engine-steps keeps its next chunk prepared ahead)
    const timing = { prepareMs: 0, gzipMs: 0, gzipWaitMs: 0, commitMs: 0, reclaimMs: 0 }; // where the time went (informative)
    const result = () => ({ groupId, daysCutoff, cutoffTs, archived, chunks: [...chunks] });
    try {
      for (let more = true; more; ) {
        if (signal?.aborted) {
          await this.#call('archiveFinishRun', { groupId, outcome: 'aborted', archived });
          throw makeError(ErrorCode.ABORTED, 'archival was cancelled; every event is hot or in exactly one chunk', {
            result: result(),
            reason: String(signal.reason ?? ''),
          });
        }
        const batch = await this.#batch({ groupId, daysCutoff, maxEvents: rest.maxEvents, maxBytes: rest.maxBytes }, run,
          { archived, reclaimPages: RECLAIM_STEP_PAGES });
        finished = batch.finished ?? null; // the last chunk's commit took the first reclaim step and recorded the run
        if (batch.chunk) {
          for (const key of Object.keys(timing)) timing[key] += batch.timing?.[key] ?? 0;
          chunks.push(pick(batch.chunk));
          archived += batch.archived;
          onProgress?.({ groupId, archived, chunks: chunks.length, chunk: pick(batch.chunk) });
        }
        more = batch.more;
      }
    } catch (error) {
      if (error.code !== ErrorCode.ABORTED) {
        await this.#call('archiveFinishRun', { groupId, outcome: 'error', error: String(error.message).slice(0, 2000), archived }).catch(() => {});
      }
      throw error;
    }
    const deleted = finished?.spaceAfterDelete ?? (await this.#call('archivePages', {}));
    const t0 = performance.now();
    const reclaimed = await this.#reclaim(finished?.space);
    timing.reclaimMs += performance.now() - t0; // the last commit's step and the steps after it
    if (!finished) await this.#call('archiveFinishRun', { groupId, outcome: 'ok', archived });
    const space = {
      pagesBefore: begin.space.pages,
      pagesAfterDelete: deleted.pages,
      freePagesAfterDelete: deleted.freePages,
      pagesAfterReclaim: reclaimed.pages,
      pageSize: reclaimed.pageSize,
      reclaim: reclaimed.reclaim,
    };
    return { ...result(), space, timing };
  }

  /** runDailyArchival: see index.d.ts. */
  async runDaily(args = {}) {
    checkArgsObject(args, 'runDailyArchival');
    return this.#serial(async () => {
      const plan = await this.#call('archiveDailyPlan', args);
      const groups = [];
      let archived = 0;
      for (const { groupId, daysCutoff } of plan.groups) {
        try {
          const run = await this.#archiveGroup({ groupId, daysCutoff }, undefined, undefined);
          archived += run.archived;
          groups.push({ groupId, daysCutoff, archived: run.archived, chunks: run.chunks.length, error: null });
        } catch (error) {
          groups.push({ groupId, daysCutoff, archived: 0, chunks: 0, error: { code: error.code, message: error.message } });
        }
      }
      const done = await this.#call('archiveDailyDone', {});
      return { ranAt: done.ranAt, archived, bodiesDropped: done.bodiesDropped, groups };
    });
  }

  /** Starts the schedule (this tab owns the store): catch up a missed run, then arm the timer. */
  start() {
    if (!this.#stopped) return;
    this.#stopped = false;
    // In a task of its own: the calls the app makes right after open() go first (the first
    // answer after page load waits for no schedule read).
    this.#timer = setTimeout(() => this.refresh(), 0);
    this.#timer.unref?.();
  }

  /** Reads the schedule again (after configureArchival) and re-arms the timer. */
  refresh() {
    if (this.#stopped) return;
    this.#running ??= (async () => {
      try {
        let schedule = await this.#call('archivalSchedule', {});
        if (schedule.due && !this.#stopped) {
          await this.runDaily();
          schedule = await this.#call('archivalSchedule', {});
        }
        this.#arm(schedule);
      } catch (error) {
        if (!this.#stopped && error.code !== ErrorCode.STORE_CLOSED) this.#onError(error);
      } finally {
        this.#running = null;
      }
    })();
  }

  #arm(schedule) {
    clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#stopped || schedule.nextRunAt === null) return;
    const delay = Math.min(Math.max(schedule.nextRunAt - Date.now(), 0) + 50, MAX_TIMER_MS);
    this.#timer = setTimeout(() => this.refresh(), delay);
    this.#timer.unref?.(); // an open store's schedule never keeps a Node process alive
  }

  /** Stops the timer and waits for a run in progress. */
  async stop() {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
    await this.#tail;
  }
}

function pick({ chunkId, groupId, fromTs, toTs, events, bytes, sha256 }) {
  return { chunkId, groupId, fromTs, toTs, events, bytes, sha256 };
}
