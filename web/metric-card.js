// <et-metric-card label="Active users" [value=".." unit=".." trend="up|down|flat"]>: one number
// with its unit and trend. Bound to the store with group-id + metric (a getGroupMetrics field,
// e.g. activeUsers) or creator-id + metric (a getCreatorStats field); the trend then follows the
// group's event trend (trendingUp / trendPct) unless a trend attribute is set.
import { EtElement, el } from './base.js';

const IDENTITY = ['group-id', 'creator-id', 'metric']; // what the card's figure is of

export class EtMetricCard extends EtElement {
  static get observedAttributes() {
    return ['group-id', 'creator-id', 'metric', 'label', 'value', 'unit', 'trend'];
  }

  ready() {
    return true; // a card with a value attribute needs no store
  }

  connectedCallback() {
    super.connectedCallback();
    if (!this.store) this.#renderStatic();
  }

  attributeChangedCallback(name, before, after) {
    if (!this.#bound()) return this.#renderStatic();
    // Another group, creator or metric: the figure shown is no longer this card's, so it goes
    // (a dashboard switching workspace showed the previous one's number until the load landed).
    if (IDENTITY.includes(name) && before !== after) this.#draw('–', null);
    this.refresh();
  }

  wants(event) {
    if (this.getAttribute('creator-id')) return true;
    return super.wants(event);
  }

  async load(store) {
    if (!this.#bound()) return null;
    const metric = this.getAttribute('metric');
    const creatorId = this.getAttribute('creator-id');
    const stats = creatorId
      ? await store.getCreatorStats({ creatorId })
      : await store.getGroupMetrics({ groupId: this.groupId });
    const computed = stats._computed ?? {};
    if (!(metric in computed)) throw Object.assign(new Error(`no metric '${metric}'`), { code: 'UNKNOWN_METRIC' });
    const trend = computed.trendingUp === undefined ? null : computed.trendingUp ? 'up' : 'down';
    return { value: computed[metric], trend, trendPct: computed.trendPct };
  }

  render(data) {
    if (!data) return this.#renderStatic();
    this.#draw(data.value, this.getAttribute('trend') ?? data.trend, data.trendPct);
  }

  #bound() {
    return Boolean(this.getAttribute('metric') && (this.groupId || this.getAttribute('creator-id')));
  }

  #renderStatic() {
    this.#draw(this.getAttribute('value') ?? '–', this.getAttribute('trend'));
  }

  #draw(value, trend, trendPct) {
    const unit = this.getAttribute('unit');
    const shown = typeof value === 'number' ? value.toLocaleString('en-US') : String(value);
    const arrow = { up: '▲', down: '▼', flat: '▬' }[trend];
    const trendText = trend ? `${arrow} ${trendPct == null ? trend : `${trendPct}%`}` : null;
    this.body.replaceChildren(
      el('h3', { part: 'label' }, this.getAttribute('label') ?? this.getAttribute('metric') ?? ''),
      el('div', { part: 'value', 'aria-live': 'polite' }, shown, unit ? el('small', { part: 'unit' }, ` ${unit}`) : null),
      trendText ? el('small', { part: 'trend', class: trend, 'aria-label': `trend ${trend}` }, trendText) : null,
    );
  }
}
