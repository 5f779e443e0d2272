// Validates rendered Kubernetes manifests against the Kubernetes (and prometheus-operator) JSON schemas, offline.
// Usage: node validate.mjs FILE.yaml...   Exit 0 when every object is valid, 1 otherwise.
// An object whose apiVersion/kind has no schema here is an error: nothing passes unvalidated.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const CRD_PACKAGES = { "monitoring.coreos.com": "@kubernetes-models/prometheus-operator" };

async function modelFor(apiVersion, kind) {
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const pkg = CRD_PACKAGES[group] ?? "kubernetes-models";
  const path = group === "" ? `${pkg}/${version}/${kind}` : `${pkg}/${group}/${version}/${kind}`;
  try {
    const module = await import(path);
    return module[kind];
  } catch (e) {
    return undefined;
  }
}

let objects = 0;
const errors = [];
for (const file of process.argv.slice(2)) {
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length > 0) {
      errors.push(`${file}: YAML error: ${doc.errors.map((e) => e.message).join("; ")}`);
      continue;
    }
    const obj = doc.toJS();
    if (obj === null || obj === undefined) continue;
    objects++;
    const id = `${file}: ${obj.apiVersion}/${obj.kind} ${obj.metadata?.name ?? "<no name>"}`;
    const Model = await modelFor(String(obj.apiVersion), String(obj.kind));
    if (!Model) {
      errors.push(`${id}: no schema known for this apiVersion/kind`);
      continue;
    }
    try {
      new Model(obj).validate();
    } catch (e) {
      errors.push(`${id}: ${e.message}`);
    }
  }
}
for (const error of errors) console.error(`INVALID ${error}`);
console.log(`validated ${objects} objects, ${errors.length} invalid`);
process.exit(errors.length === 0 && objects > 0 ? 0 : 1);
