// Validate an AsyncAPI document with the official parser (@asyncapi/parser, pinned in package-lock.json).
// Usage: node tools/node/validate-asyncapi.mjs schemas/asyncapi.yaml
// Prints one line per diagnostic; exits 1 when any is an error (severity 0), 2 on bad usage.
import { readFileSync } from "node:fs";
import { Parser, DiagnosticSeverity } from "@asyncapi/parser";

const file = process.argv[2];
if (!file) {
  console.error("usage: node validate-asyncapi.mjs FILE");
  process.exit(2);
}
const parser = new Parser();
const { document, diagnostics } = await parser.parse(readFileSync(file, "utf8"), { source: file });
const names = ["error", "warning", "information", "hint"];
for (const d of diagnostics) {
  console.log(`${names[d.severity] ?? d.severity} ${d.code} at ${d.path.join(".") || "/"}: ${d.message}`);
}
const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
if (!document || errors.length) {
  console.log(`asyncapi: INVALID (${errors.length} error(s))`);
  process.exit(1);
}
console.log(`asyncapi: valid ${document.version()}: ${document.channels().length} channels, ` +
  `${document.operations().length} operations, ${document.components().messages().length} messages; ` +
  `channels ${document.channels().all().map((c) => c.address()).join(" ")}`);
