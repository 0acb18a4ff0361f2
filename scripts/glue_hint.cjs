// Puts V8's explicit compile hint, `//# allFunctionsCalledOnLoad`, at the top of the wasm-bindgen glue in
// the built site's `pkg/` (argument), then writes its brotli and gzip copies anew. A module that starts
// with it is compiled whole on a background thread while it downloads; without it every glue function the
// islands' start calls (most of them) is compiled on the main thread at its first call. Measured on first
// visits with a 4× slower CPU: the overview and the list interactive ~20 ms sooner (docs/PERFORMANCE.md).
// cargo-leptos minifies the glue, which drops comments, so this runs after its front-end build
// (scripts/build.sh). Idempotent; the glue keeps its hashed name (the same build always gives the same
// bytes under it).
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");

const HINT = "//# allFunctionsCalledOnLoad\n";
const dir = process.argv[2];
if (!dir) throw new Error("usage: node scripts/glue_hint.cjs target/site/pkg");
const glue = fs.readdirSync(dir).filter((name) => /^haloscope\.[A-Za-z0-9_-]+\.js$/.test(name));
if (glue.length !== 1) throw new Error(`expected one glue file in ${dir}, found: ${glue.join(", ") || "none"}`);
const file = path.join(dir, glue[0]);
const text = fs.readFileSync(file, "utf8");
const hinted = Buffer.from(text.startsWith(HINT) ? text : HINT + text);
fs.writeFileSync(file, hinted);
fs.writeFileSync(
  `${file}.br`,
  zlib.brotliCompressSync(hinted, {
    params: {
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: hinted.length,
    },
  }),
);
fs.writeFileSync(`${file}.gz`, zlib.gzipSync(hinted, { level: 9 }));
console.error(`compile hint at the top of ${file}`);
