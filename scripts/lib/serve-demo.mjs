// Serves the repository on 127.0.0.1 (so the demo can load /js and /dist) and prints the demo URL.
// Usage: node scripts/lib/serve-demo.mjs [port]
import { fileURLToPath } from 'node:url';
import { startStaticServer } from './static-server.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const port = Number(process.argv[2] ?? 8080);
const { url } = await startStaticServer({ root, port });
console.log(`edgetally demo: ${url}/demo/`);
console.log('(the store lives in this browser profile\'s OPFS; reload to see it persist; Ctrl-C to stop)');
