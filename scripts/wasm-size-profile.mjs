// Where the wasm module's bytes go: code size per source group (SQLite, our core, nlohmann/json,
// libc++, embind, libc), raw and gzipped, from a module linked with --profiling-funcs (a name
// section). Used to decide what to cut for the download goal (issue 8, README "Build").
//   node scripts/wasm-size-profile.mjs build/wasm/profile/edgetally.wasm [--top N] [--group G]
// SQLite's functions are told apart by the symbols of the SQLite object (llvm-nm), since many
// of its static functions carry no sqlite3 prefix; the rest by their demangled C++ names.
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';

function reader(buf, pos = 0) {
  return {
    get pos() { return pos; },
    set pos(p) { pos = p; },
    u8: () => buf[pos++],
    leb() {
      let result = 0, shift = 0, byte;
      do { byte = buf[pos++]; result += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
      return result;
    },
    str(n) { const s = buf.toString('utf8', pos, pos + n); pos += n; return s; },
  };
}

/** {bodies: [{index, start, end}], names: Map(index -> name), sections: [{id, name, size}], imports} */
export function parseModule(buf) {
  const r = reader(buf, 8);
  const out = { bodies: [], names: new Map(), sections: [], importedFuncs: 0, dataBytes: 0 };
  while (r.pos < buf.length) {
    const id = r.u8();
    const size = r.leb();
    const start = r.pos;
    let name = String(id);
    if (id === 0) {
      const n = r.leb();
      name = r.str(n);
      if (name === 'name') parseNames(buf, r.pos, start + size, out.names);
    } else if (id === 2) {
      const count = r.leb();
      for (let i = 0; i < count; ++i) {
        for (let k = 0; k < 2; ++k) { const n = r.leb(); r.pos += n; }  // module, field
        const kind = r.u8();
        if (kind === 0) { r.leb(); out.importedFuncs++; } else if (kind === 1) { r.u8(); limits(r); } else if (kind === 2) limits(r); else { r.u8(); r.u8(); }
      }
    } else if (id === 10) {
      const count = r.leb();
      for (let i = 0; i < count; ++i) {
        const len = r.leb();
        out.bodies.push({ index: out.importedFuncs + i, start: r.pos, end: r.pos + len });
        r.pos += len;
      }
    } else if (id === 11) {
      out.dataBytes = size;
    }
    out.sections.push({ id, name, size });
    r.pos = start + size;
  }
  return out;
}

function limits(r) { const flags = r.u8(); r.leb(); if (flags & 1) r.leb(); }

function parseNames(buf, pos, end, names) {
  const r = reader(buf, pos);
  while (r.pos < end) {
    const kind = r.u8();
    const size = r.leb();
    const next = r.pos + size;
    if (kind === 1) {
      const count = r.leb();
      for (let i = 0; i < count; ++i) { const index = r.leb(); names.set(index, r.str(r.leb())); }
    }
    r.pos = next;
  }
}

function sqliteSymbols() {
  const lib = ['build/wasm/libet_sqlite3.a', 'build/wasm/cmake/libet_sqlite3.a'].find((f) => fs.existsSync(f));
  if (!lib) return new Set();
  const text = execFileSync('llvm-nm', ['--defined-only', lib], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return new Set(text.split('\n').map((line) => line.trim().split(/\s+/)[2]).filter(Boolean));
}

export function groupOf(name, sqlite) {
  if (sqlite.has(name)) return 'sqlite';
  if (/nlohmann/.test(name) && !/^edgetally::/.test(name)) return 'nlohmann';
  if (/^edgetally::|^\(anonymous namespace\)|^Et[A-Z]|^et_/.test(name)) return 'core';
  if (/emscripten::|embind|^_embind|EmscriptenBindingInitializer/.test(name)) return 'embind';
  if (/^std::|^__cxx|^__cxa|^operator new|^operator delete|^__gxx|^_Unwind|^__cxxabiv1/.test(name)) return 'libc++';
  return 'libc/other';
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fs.realpathSync(new URL(import.meta.url).pathname)) {
  const file = process.argv[2];
  const top = Number(process.argv[process.argv.indexOf('--top') + 1]) || 0;
  const only = process.argv.includes('--group') ? process.argv[process.argv.indexOf('--group') + 1] : null;
  const buf = fs.readFileSync(file);
  const mod = parseModule(buf);
  const sqlite = sqliteSymbols();
  const groups = new Map();
  const funcs = [];
  for (const body of mod.bodies) {
    const name = mod.names.get(body.index) ?? `f${body.index}`;
    const group = groupOf(name, sqlite);
    const bytes = buf.subarray(body.start, body.end);
    funcs.push({ name, group, size: bytes.length });
    if (!groups.has(group)) groups.set(group, []);
    groups.get(group).push(bytes);
  }
  const gz = (parts) => gzipSync(Buffer.concat(parts), { level: 9 }).length;
  console.log(`${file}: ${buf.length} bytes raw, ${gzipSync(buf, { level: 9 }).length} gzipped (name section included)`);
  console.log('sections:', mod.sections.map((s) => `${s.name}=${s.size}`).join(' '));
  console.log('group          funcs   raw bytes   gzip alone');
  for (const [group, parts] of [...groups].sort((a, b) => gz(b[1]) - gz(a[1]))) {
    const raw = parts.reduce((n, p) => n + p.length, 0);
    console.log(`${group.padEnd(14)} ${String(parts.length).padStart(5)} ${String(raw).padStart(11)} ${String(gz(parts)).padStart(12)}`);
  }
  if (top) {
    funcs.filter((f) => !only || f.group === only).sort((a, b) => b.size - a.size).slice(0, top)
      .forEach((f) => console.log(String(f.size).padStart(8), f.group.padEnd(10), f.name.slice(0, 160)));
  }
}

// --by-object: the core's code per object file of libedgetally_core.a (a function defined in
// several objects, an inline or template one, counts for the first that defines it strongly).
if (process.argv.includes('--by-object')) {
  const buf = fs.readFileSync(process.argv[2]);
  const mod = parseModule(buf);
  const text = execFileSync('llvm-nm', ['-C', '-A', '--defined-only', 'build/wasm/libedgetally_core.a'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const owner = new Map();
  for (const line of text.split('\n')) {
    const m = /^[^:]+:([^:]+\.o):\s+[0-9a-f]+\s+([A-Za-z])\s+(.*)$/.exec(line);
    if (!m) continue;
    const [, obj, kind, name] = m;
    if (kind === 'T' || !owner.has(name)) owner.set(name, kind === 'T' ? obj : owner.get(name) ?? obj);
  }
  const per = new Map();
  for (const body of mod.bodies) {
    const name = mod.names.get(body.index) ?? '';
    const obj = owner.get(name);
    if (!obj) continue;
    if (!per.has(obj)) per.set(obj, []);
    per.get(obj).push(buf.subarray(body.start, body.end));
  }
  const rows = [...per].map(([obj, parts]) => [obj, parts.reduce((n, p) => n + p.length, 0), gzipSync(Buffer.concat(parts), { level: 9 }).length]);
  rows.sort((a, b) => b[1] - a[1]).forEach(([obj, raw, gz]) => console.log(String(raw).padStart(8), String(gz).padStart(7), obj));
}
