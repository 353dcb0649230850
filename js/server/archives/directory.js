// DirectoryArchives: archive chunks as files, <root>/<group>/<sha256>. A chunk is written to a
// temporary file, synced, then renamed into place (and the folder synced), so a chunk the server
// acknowledged is whole and durable, and a crash mid-write leaves no partial chunk under a name.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export class DirectoryArchives {
  constructor(root) {
    this.root = path.resolve(root);
  }

  #file(groupId, sha256) {
    return path.join(this.root, encodeURIComponent(groupId), sha256);
  }

  /** Stores `bytes` under the group and hash; returns false when it was already there. */
  async put(groupId, sha256, bytes) {
    const file = this.#file(groupId, sha256);
    if (await this.has(groupId, sha256)) return false;
    const dir = path.dirname(file);
    await fs.mkdir(dir, { recursive: true });
    const temp = path.join(dir, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await fs.open(temp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
    const folder = await fs.open(dir, 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
    return true;
  }

  async has(groupId, sha256) {
    return fs.access(this.#file(groupId, sha256)).then(() => true, () => false);
  }

  /** The chunk's bytes, or null. */
  async get(groupId, sha256) {
    return fs.readFile(this.#file(groupId, sha256)).catch((error) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
  }

  async close() {}
}
