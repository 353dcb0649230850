// WebKitGTK for the browser tests: Xvfb on a free display, WebKitWebDriver on a free loopback
// port, and a W3C WebDriver session driving MiniBrowser --automation, spoken over plain fetch.
// Gives engines.mjs the same raw shape as a Playwright/Puppeteer browser: newPage() returns a
// page (one WebDriver window) with goto, evaluate(expression), reload, screenshot, close.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const MINIBROWSER = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const DRIVER = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Xvfb picks a free display itself and writes its number to fd 3 (-displayfd).
function startXvfb() {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-nolisten', 'tcp', '-screen', '0', '1280x1024x24'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let text = '';
    xvfb.on('error', reject);
    xvfb.on('exit', (code) => reject(new Error(`Xvfb exited (${code})`)));
    xvfb.stdio[3].on('data', (chunk) => {
      text += chunk;
      if (text.includes('\n')) resolve({ process: xvfb, display: `:${text.trim()}` });
    });
  });
}

async function waitForDriver(base, driver) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited (${driver.exitCode})`);
    try {
      const reply = await fetch(`${base}/status`);
      if ((await reply.json()).value?.ready) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('WebKitWebDriver did not start');
}

// One W3C WebDriver command; returns `value` or throws the driver's error.
async function command(base, method, route, body) {
  const reply = await fetch(`${base}${route}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(240_000), // longer than any script timeout; a hung driver fails
  });
  const { value } = await reply.json();
  if (value?.error) throw new Error(`WebDriver ${route}: ${value.error}: ${value.message}`);
  return value;
}

// Wraps a page-side expression so that its value or error comes back through execute/async.
const ASYNC_SCRIPT = (expression) => `const done = arguments[arguments.length - 1];
Promise.resolve().then(() => (${expression})).then(
  (value) => done({ ok: true, value: value === undefined ? null : value }),
  (error) => done({ ok: false, message: String(error) + '\\n' + ((error && error.stack) || '') }));`;

async function newSession(base) {
  const capabilities = {
    alwaysMatch: {
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
    },
  };
  const session = await command(base, 'POST', '/session', { capabilities });
  const route = `/session/${session.sessionId}`;
  await command(base, 'POST', `${route}/timeouts`, { script: 180_000, pageLoad: 60_000 });
  return { route, version: session.capabilities.browserVersion };
}

// A session's windows as pages; commands go to the window that was switched to last. The
// session's first window is never closed: new windows are opened from it.
async function sessionPages(base, route) {
  const first = await command(base, 'GET', `${route}/window`);
  let current = first;
  const run = async (handle, method, sub, body) => {
    if (current !== handle) {
      await command(base, 'POST', `${route}/window`, { handle });
      current = handle;
    }
    return command(base, method, `${route}${sub}`, body);
  };
  const pageFor = (handle) => ({
    goto: (url) => run(handle, 'POST', '/url', { url }).then(() => undefined),
    async evaluate(expression) {
      const result = await run(handle, 'POST', '/execute/async', { script: ASYNC_SCRIPT(expression), args: [] });
      if (!result?.ok) throw new Error(result?.message ?? 'evaluate failed');
      return result.value;
    },
    reload: () => run(handle, 'POST', '/refresh', {}).then(() => undefined),
    async screenshot({ path: file }) {
      fs.writeFileSync(file, Buffer.from(await run(handle, 'GET', '/screenshot'), 'base64'));
    },
    async close() {
      await run(handle, 'DELETE', '/window');
      current = null;
    },
  });
  return {
    async newPage() {
      const { handle } = await run(first, 'POST', '/window/new', { type: 'window' });
      return pageFor(handle);
    },
  };
}

/**
 * Starts Xvfb and WebKitWebDriver with MiniBrowser's data under `profile` (XDG dirs).
 * closeSession() quits MiniBrowser, restartSession() starts it again (after a close or not).
 * @returns {Promise<{version: string, newPage(): Promise<any>, closeSession(): Promise<void>,
 *   restartSession(): Promise<void>, close(): Promise<void>}>}
 */
export async function launchWebKit(profile) {
  const xvfb = await startXvfb();
  const port = await freePort();
  const env = {
    ...process.env,
    DISPLAY: xvfb.display,
    XDG_DATA_HOME: path.join(profile, 'data'),
    XDG_CACHE_HOME: path.join(profile, 'cache'),
    XDG_CONFIG_HOME: path.join(profile, 'config'),
    // Mesa's shader cache (under XDG_CACHE_HOME) was still being written by WebKit's GPU
    // process after MiniBrowser quit, so removing the profile failed with ENOTEMPTY under load;
    // software rendering under Xvfb gains nothing from it.
    MESA_SHADER_CACHE_DISABLE: 'true',
  };
  const driver = spawn(DRIVER, [`--port=${port}`], { env, stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  const stop = () => {
    driver.kill();
    xvfb.process.removeAllListeners('exit');
    xvfb.process.kill();
  };
  try {
    await waitForDriver(base, driver);
    let session = await newSession(base);
    let pages = await sessionPages(base, session.route);
    const closeSession = async () => {
      if (session) await command(base, 'DELETE', session.route); // MiniBrowser exits
      session = null;
    };
    return {
      version: session.version,
      newPage: () => pages.newPage(),
      closeSession,
      async restartSession() {
        await closeSession();
        session = await newSession(base);
        pages = await sessionPages(base, session.route);
      },
      async close() {
        await closeSession().catch(() => {});
        stop();
      },
    };
  } catch (error) {
    stop();
    throw error;
  }
}
