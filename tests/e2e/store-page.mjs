// The test page of the store tests (pages/store.html) in any engine of engines.mjs: open it
// ready, and run a function in it that returns {ok, value} or the error's {code, name, message}.

/** Opens pages/store.html in a new tab of `browser` and waits for its module to be ready. */
export async function storePage(browser, server) {
  const page = await browser.newPage(`${server.url}/tests/e2e/pages/store.html`);
  await page.waitFor(() => window.ready === true);
  return page;
}

/** Runs `fn(...args)` in the page; returns {ok, value} or {ok: false, code, name, message}. */
export function inPage(page, fn, ...args) {
  return page.evaluate(
    async (source, params) => {
      try {
        // eslint-disable-next-line no-new-func
        const value = await new Function(`return (${source})`)()(...params);
        return { ok: true, value };
      } catch (error) {
        return { ok: false, code: error.code, name: error.name, message: error.message };
      }
    },
    fn.toString(),
    args,
  );
}
