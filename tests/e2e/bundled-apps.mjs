// Fresh apps that use the packed edgetally through a bundler with no configuration at all, for
// the packaging test: `npm pack` of this repo (prepack builds first), then per bundler a new
// app directory with the app (bundler-apps/app.js), the bundler's pinned packages and the
// tarball's contents as node_modules/edgetally, and its production build.
//
// The bundlers' packages are installed once per lockfile (bundler-apps/*/package-lock.json pins
// every version and checksum) with `npm ci` into a cache directory outside the repo
// ($EDGETALLY_BUNDLER_CACHE, default ~/.cache/edgetally/bundlers/<name>-<lock hash>); later
// runs link to it and install nothing.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const apps = fileURLToPath(new URL('./bundler-apps/', import.meta.url));
const cacheRoot = process.env.EDGETALLY_BUNDLER_CACHE ?? path.join(os.homedir(), '.cache', 'edgetally', 'bundlers');

// How each bundler's app is laid out and built; `build` runs in the app directory.
export const BUNDLERS = {
  vite: {
    entry: 'main.js',
    build: ['node_modules/vite/bin/vite.js', 'build'],
    page: 'index.html', // Vite builds the page itself
  },
  webpack: {
    entry: 'src/index.js', // webpack's default entry; its default output is dist/main.js
    build: ['node_modules/webpack-cli/bin/cli.js'],
    page: null, // copied next to the bundle after the build
  },
};

const run = (args, cwd) => execFileSync(args[0], args.slice(1), { cwd, encoding: 'utf8', stdio: 'pipe' });

/** Packs this repo into `dir` with `npm pack` (its prepack hook builds); returns the .tgz path. */
export function packTarball(dir) {
  const [packed] = JSON.parse(run(['npm', 'pack', '--json', '--pack-destination', dir, '--loglevel=error'], root));
  return path.join(dir, packed.filename);
}

/** The bundler's installed node_modules for its lockfile, installing it on the first call. */
export function cachedModules(bundler) {
  const lock = fs.readFileSync(path.join(apps, bundler, 'package-lock.json'));
  const key = `${bundler}-${crypto.createHash('sha256').update(lock).digest('hex').slice(0, 16)}`;
  const dir = path.join(cacheRoot, key);
  if (fs.existsSync(path.join(dir, 'node_modules', '.installed'))) return path.join(dir, 'node_modules');
  fs.mkdirSync(cacheRoot, { recursive: true });
  const staging = fs.mkdtempSync(path.join(cacheRoot, `.${key}-`));
  for (const file of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(apps, bundler, file), path.join(staging, file));
  run(['npm', 'ci', '--no-audit', '--no-fund', '--loglevel=error'], staging);
  fs.writeFileSync(path.join(staging, 'node_modules', '.installed'), key);
  try {
    fs.renameSync(staging, dir); // atomic: a concurrent run either sees all of it or none
  } catch {
    fs.rmSync(staging, { recursive: true, force: true }); // another run got there first
  }
  return path.join(dir, 'node_modules');
}

/**
 * Creates a fresh `bundler` app in `workDir` using `tarball`, runs its production build with no
 * bundler configuration, and returns the directory to serve (the build output).
 */
export function buildApp(bundler, tarball, workDir) {
  const spec = BUNDLERS[bundler];
  const app = path.join(workDir, bundler);
  fs.mkdirSync(path.join(app, path.dirname(spec.entry)), { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(apps, bundler, file), path.join(app, file));
  fs.copyFileSync(path.join(apps, 'app.js'), path.join(app, spec.entry));
  if (spec.page) fs.copyFileSync(path.join(apps, bundler, spec.page), path.join(app, spec.page));
  // node_modules: links to the cached bundler packages, and edgetally unpacked from the tarball
  // as npm would install it (it has no dependencies).
  const modules = path.join(app, 'node_modules');
  const cached = cachedModules(bundler);
  fs.mkdirSync(modules);
  for (const entry of fs.readdirSync(cached)) fs.symlinkSync(path.join(cached, entry), path.join(modules, entry));
  fs.mkdirSync(path.join(modules, 'edgetally'));
  run(['tar', '-xzf', tarball, '-C', path.join(modules, 'edgetally'), '--strip-components=1'], app);
  run(['node', ...spec.build], app);
  const out = path.join(app, 'dist');
  if (!spec.page) fs.copyFileSync(path.join(apps, bundler, 'index.html'), path.join(out, 'index.html'));
  return out;
}
