// Prints, as JSON, every module's static import specifiers as node's own parser reads them
// (vm.SourceTextModule; run with --experimental-vm-modules): the reference the build's
// module graph (builder/module_graph.py) is checked against. Arguments: the files.
import { readFileSync } from "node:fs";
import vm from "node:vm";

const specifiers = {};
for (const file of process.argv.slice(2)) {
  specifiers[file] = new vm.SourceTextModule(readFileSync(file, "utf8"), { identifier: file }).dependencySpecifiers;
}
process.stdout.write(JSON.stringify(specifiers));
