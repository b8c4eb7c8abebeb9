// Checks every object in the given Kubernetes manifests against the Kubernetes API's schemas (the validators of
// kubernetes-models, pinned in package.json): node check.mjs deploy/kubernetes/*.yaml. Exits 1 naming each object
// that does not conform, or whose apiVersion/kind has no schema here.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const failures = [];
let checked = 0;
for (const file of process.argv.slice(2)) {
  for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (document.errors.length > 0) {
      failures.push(`${file}: not YAML: ${document.errors[0].message}`);
      continue;
    }
    const object = document.toJS();
    if (object == null) {
      continue;
    }
    const name = `${file}: ${object.kind} ${object.metadata?.name}`;
    const [group, version] = String(object.apiVersion).includes("/") ? object.apiVersion.split("/") : [null, object.apiVersion];
    const path = group ? `kubernetes-models/${group}/${version}/${object.kind}` : `kubernetes-models/${version}/${object.kind}`;
    let model;
    try {
      model = (await import(path))[object.kind];
    } catch (e) {
      failures.push(`${name}: no schema for ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new model(object).validate();
      checked++;
    } catch (e) {
      failures.push(`${name}: ${e.message}`);
    }
  }
}
for (const failure of failures) {
  console.error(failure);
}
console.log(`Kubernetes manifests: ${checked} objects conform, ${failures.length} do not`);
process.exit(failures.length > 0 || checked === 0 ? 1 : 0);
