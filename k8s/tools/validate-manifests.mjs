// Checks rendered manifests against the Kubernetes OpenAPI schemas (kubernetes-models) and the CRD
// schemas of KEDA and the Prometheus Operator (@kubernetes-models/keda, .../prometheus-operator),
// with no cluster. Not a workspace package on purpose (it would pull the models into every
// install); .ci/run installs them into a cache directory and runs, for each kustomization:
//   kubectl kustomize k8s/base | node validate-manifests.mjs
// ESM resolves imports next to the script, so copy it into the directory holding node_modules.
// Exits 1 when any object breaks its schema or has a kind no model covers.
import { parseAllDocuments } from 'yaml';
const text = await new Promise((r) => { let s = ''; process.stdin.on('data', (c) => (s += c)).on('end', () => r(s)); });
// Custom resources: API group -> the package whose models carry its CRD schema.
const CRD_PACKAGES = { 'keda.sh': '@kubernetes-models/keda', 'monitoring.coreos.com': '@kubernetes-models/prometheus-operator' };
let bad = 0, n = 0;
for (const doc of parseAllDocuments(text)) {
  const obj = doc.toJS();
  if (!obj) continue;
  n++;
  // kustomize wraps base64 at 76 columns; the API server's decoder skips the newlines, the schema's format check does not.
  if (obj.kind === 'Secret' && obj.data) for (const k of Object.keys(obj.data)) obj.data[k] = obj.data[k].replace(/\s/g, '');
  const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion];
  const module = CRD_PACKAGES[group] ? `${CRD_PACKAGES[group]}/${group}/${version}/${obj.kind}` : `kubernetes-models/${group === '' ? 'v1' : `${group}/${version}`}/${obj.kind}`;
  let Model;
  try {
    const mod = await import(module);
    Model = mod[obj.kind] ?? mod.default;
  } catch (e) {
    bad++; console.log(`FAIL ${obj.kind}/${obj.metadata.name}: no schema for ${obj.apiVersion} ${obj.kind} (${e.code ?? e.message})`); continue;
  }
  try { new Model(obj).validate(); console.log(`ok   ${obj.kind}/${obj.metadata.name}`); }
  catch (e) { bad++; console.log(`FAIL ${obj.kind}/${obj.metadata.name}: ${e.message}`); }
}
console.log(`${n} objects, ${bad} invalid`);
process.exit(bad ? 1 : 0);
