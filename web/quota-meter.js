// <et-quota-meter group-id="..." [metric="users"]>: a group's quota for one metric or all of
// them: a bar (role=meter), used of limit, percent, status colour and the next reset. Re-renders
// on store changes and announces quota alerts through an aria-live region.
import { EtElement, el } from './base.js';
import { formatAmount, formatTime, metricLabel } from './format.js';

export class EtQuotaMeter extends EtElement {
  static get observedAttributes() {
    return ['group-id', 'metric'];
  }

  async load(store) {
    return store.getGroupQuotas({ groupId: this.groupId });
  }

  render(quotas) {
    const only = this.getAttribute('metric');
    const metrics = only ? [only] : Object.keys(quotas.quotas);
    const rows = metrics.map((metric) => meterRow(metric, quotas.quotas[metric]));
    const live = el('p', { part: 'announcement', class: 'muted', 'aria-live': 'polite' }, announcement(quotas, metrics));
    this.body.replaceChildren(el('h3', { part: 'label' }, `Plan: ${quotas.plan}`), ...rows, live);
    this.emit('quota-render', { quotas });
  }
}

function meterRow(metric, q) {
  if (!q) return el('p', { class: 'error' }, `unknown metric '${metric}'`);
  const percent = q.unlimited ? 0 : Math.min(100, q.percentUsed);
  const used = q.unlimited
    ? `${formatAmount(metric, q.current)} (unlimited)`
    : `${formatAmount(metric, q.current)} of ${formatAmount(metric, q.limit)} · ${q.percentUsed}%`;
  const fill = el('div', { part: 'fill' });
  fill.style.width = `${percent}%`;
  const bar = el(
    'div',
    {
      part: 'bar',
      role: 'meter',
      'aria-label': metricLabel(metric),
      'aria-valuemin': 0,
      'aria-valuemax': 100,
      'aria-valuenow': percent,
      'aria-valuetext': `${used}, ${q.status}`,
    },
    fill,
  );
  const reset = q.nextResetAt ? el('small', {}, ` · resets ${formatTime(q.nextResetAt)}`) : null;
  return el(
    'div',
    { class: `row ${q.status}`, 'data-metric': metric, part: `meter ${q.status}` },
    el('strong', {}, metricLabel(metric)),
    ' ',
    el('small', {}, used),
    ' ',
    el('small', { class: `status-${q.status}` }, q.status),
    reset,
    bar,
  );
}

function announcement(quotas, metrics) {
  const hot = metrics.filter((m) => quotas.quotas[m] && quotas.quotas[m].status !== 'ok');
  if (!hot.length) return 'All shown quotas are within their limits.';
  return hot.map((m) => `${metricLabel(m)} ${quotas.quotas[m].status} (${quotas.quotas[m].percentUsed}%)`).join('; ');
}
