// <et-activity thing-id="..." [types="view,like"] [page-size="20"]>: a thing's activity, newest
// first, with "Load more" paging on the store's opaque cursors (stable while events arrive).
import { EtElement, el } from './base.js';
import { formatTime } from './format.js';

export class EtActivity extends EtElement {
  #items = [];
  #cursor = null;

  static get observedAttributes() {
    return ['thing-id', 'types', 'page-size'];
  }

  ready() {
    return Boolean(this.getAttribute('thing-id'));
  }

  wants() {
    return true;
  }

  async load(store) {
    const page = await store.getThingActivity(this.#args(null));
    this.#items = page.items ?? page.events ?? [];
    this.#cursor = page.nextCursor ?? null;
    return null;
  }

  render() {
    const list = el('ol', { part: 'timeline', 'aria-label': 'Activity, newest first' },
      this.#items.map((e) => el('li', { part: 'item' }, el('strong', {}, e.type), ' ',
        e.actorId != null ? `by ${e.actorId} ` : '', el('small', {}, formatTime(e.ts)))));
    const more = this.#cursor ? el('button', { type: 'button', part: 'more-button', onclick: () => this.#more() }, 'Load more') : null;
    this.body.replaceChildren(el('h3', { part: 'label' }, this.getAttribute('label') ?? 'Activity'),
      this.#items.length ? list : el('p', { class: 'muted' }, 'No activity yet.'), more);
  }

  async #more() {
    const page = await this.store.getThingActivity(this.#args(this.#cursor));
    this.#items.push(...(page.items ?? page.events ?? []));
    this.#cursor = page.nextCursor ?? null;
    this.render();
  }

  #args(cursor) {
    const types = this.getAttribute('types');
    return {
      thingId: Number(this.getAttribute('thing-id')),
      limit: Number(this.getAttribute('page-size') ?? 20),
      ...(types ? { types: types.split(',').map((t) => t.trim()) } : {}),
      ...(cursor ? { cursor } : {}),
    };
  }
}
