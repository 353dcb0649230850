// Records: checking one usage record as it arrives (a CloudEvent, docs/PROTOCOL.md "Usage
// records") and turning it into a row, or into the reason it is refused. Every field is checked;
// unknown attributes are refused.
export const METRICS = Object.freeze(['users', 'storage_gb', 'api_calls_per_month', 'entities_total', 'connections_total']);
const KINDS = ['add', 'adjust', 'reset'];
const PERIODS = ['daily', 'monthly', 'annual'];
const ID_RULE = /^[A-Za-z0-9._:-]{1,128}$/;
const TIME_RULE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const ATTRIBUTES = new Set(['specversion', 'id', 'source', 'type', 'subject', 'time', 'datacontenttype', 'data']);
const DATA_FIELDS = new Set(['amount', 'kind', 'period', 'periodStart', 'periodEnd', 'bucket']);

function refuse(field, message, code = 'invalid_record') {
  return { error: { code, field, message } };
}

const isTime = (value) => Number.isSafeInteger(value) && value >= 0;

function checkData(data) {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return refuse('data', 'data must be an object');
  for (const key of Object.keys(data)) {
    if (!DATA_FIELDS.has(key)) return refuse(`data.${key}`, `unknown field data.${key}`);
  }
  const { amount, kind, period, periodStart, periodEnd, bucket } = data;
  if (!KINDS.includes(kind)) return refuse('data.kind', `data.kind must be one of ${KINDS.join(', ')}`);
  if (!Number.isSafeInteger(amount)) return refuse('data.amount', 'data.amount must be an integer of at most 2^53 - 1');
  if (kind === 'add' && amount < 0) return refuse('data.amount', "data.amount must be >= 0 for kind 'add'");
  if (kind === 'reset' && amount !== 0) return refuse('data.amount', "data.amount must be 0 for kind 'reset'");
  if (!PERIODS.includes(period)) return refuse('data.period', `data.period must be one of ${PERIODS.join(', ')}`);
  if (!isTime(periodStart)) return refuse('data.periodStart', 'data.periodStart must be ms UTC (an integer >= 0)');
  if (!isTime(periodEnd) || periodEnd < periodStart) return refuse('data.periodEnd', 'data.periodEnd must be ms UTC, not before periodStart');
  if (!isTime(bucket)) return refuse('data.bucket', 'data.bucket must be ms UTC (an integer >= 0)');
  return null;
}

function checkAttributes(event, groupId) {
  for (const key of Object.keys(event)) {
    if (!ATTRIBUTES.has(key)) return refuse(key, `unknown attribute '${key}'`);
  }
  if (event.specversion !== '1.0') return refuse('specversion', "specversion must be '1.0'");
  if (typeof event.id !== 'string' || !ID_RULE.test(event.id)) return refuse('id', 'id must be 1-128 of letters, digits, ".", "_", ":" or "-"');
  if (typeof event.source !== 'string' || event.source.length < 1 || event.source.length > 128) return refuse('source', 'source must be the device id (1-128 characters)');
  if (!METRICS.includes(event.type)) return refuse('type', `type must be a metric: ${METRICS.join(', ')}`);
  if (event.subject !== groupId) return refuse('subject', `subject must be the group of the path ('${groupId}')`, 'wrong_group');
  if (typeof event.time !== 'string' || !TIME_RULE.test(event.time) || !Number.isFinite(Date.parse(event.time))) {
    return refuse('time', 'time must be an RFC 3339 timestamp');
  }
  if (event.datacontenttype !== undefined && event.datacontenttype !== 'application/json') {
    return refuse('datacontenttype', "datacontenttype must be 'application/json' when present");
  }
  return null;
}

/**
 * Checks one event of a batch for group `groupId`.
 * @returns {{record: object} | {error: {code: string, field: string, message: string}}}
 */
export function checkEvent(event, groupId) {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) return refuse('', 'each event must be an object');
  const problem = checkAttributes(event, groupId) ?? checkData(event.data);
  if (problem) return problem;
  const { data } = event;
  return {
    record: {
      id: event.id,
      source: event.source,
      metric: event.type,
      kind: data.kind,
      amount: data.amount,
      period: data.period,
      periodStart: data.periodStart,
      periodEnd: data.periodEnd,
      bucket: data.bucket,
      ts: Date.parse(event.time),
    },
  };
}

/** True when two records with the same id say the same thing (a resend, not a conflict). */
export function sameContent(a, b) {
  return a.metric === b.metric && a.kind === b.kind && a.amount === b.amount && a.period === b.period &&
    a.periodStart === b.periodStart && a.periodEnd === b.periodEnd && a.bucket === b.bucket && a.ts === b.ts;
}

/** The event's id for a result line, whatever the event looks like. */
export function idOf(event) {
  return typeof event?.id === 'string' ? event.id.slice(0, 128) : null;
}
