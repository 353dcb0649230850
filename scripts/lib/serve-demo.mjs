// Serves the demo (scripts/demo): the page, the package, the sample catalogue and the reference
// sync server on 127.0.0.1, and prints the URL. Usage: node scripts/lib/serve-demo.mjs [port]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSamples } from '../../demo/make-sample.mjs';
import { startDemoServer } from './demo-server.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const port = Number(process.argv[2] ?? 8080);
writeSamples();
const dataDir = path.join(root, '.demo-data');
const { url } = await startDemoServer({ root, dataDir, port });
console.log(`Coursely, the edgetally demo: ${url}/demo/`);
console.log(`(the store lives in this browser's OPFS; usage syncs to the reference server, data in ${dataDir}; Ctrl-C to stop)`);
