// Checks rendered manifests against the Kubernetes OpenAPI schemas (kubernetes-models), with no
// cluster. Not a workspace package on purpose (it would pull the models into every install); run
// it from a scratch directory, because ESM resolves imports next to the script:
//   tmp=$(mktemp -d) && cp k8s/tools/validate-manifests.mjs "$tmp" \
//     && (cd "$tmp" && npm init -y >/dev/null && npm i kubernetes-models@5.1.0 yaml@2 >/dev/null)
//   kubectl kustomize k8s/base | node "$tmp/validate-manifests.mjs"
//   kubectl kustomize k8s/overlays/local | node "$tmp/validate-manifests.mjs"
// Exits 1 when any object breaks its schema (wrong type, unknown required shape, bad format).
import { parseAllDocuments } from 'yaml';
const text = await new Promise((r) => { let s = ''; process.stdin.on('data', (c) => (s += c)).on('end', () => r(s)); });
let bad = 0, n = 0;
for (const doc of parseAllDocuments(text)) {
  const obj = doc.toJS();
  if (!obj) continue;
  n++;
  // kustomize wraps base64 at 76 columns; the API server's decoder skips the newlines, the schema's format check does not.
  if (obj.kind === 'Secret' && obj.data) for (const k of Object.keys(obj.data)) obj.data[k] = obj.data[k].replace(/\s/g, '');
  const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion];
  const dir = group === '' ? 'v1' : `${group}/${version}`;
  const mod = await import(`kubernetes-models/${dir}/${obj.kind}`);
  const Model = mod[obj.kind] ?? mod.default;
  try { new Model(obj).validate(); console.log(`ok   ${obj.kind}/${obj.metadata.name}`); }
  catch (e) { bad++; console.log(`FAIL ${obj.kind}/${obj.metadata.name}: ${e.message}`); }
}
console.log(`${n} objects, ${bad} invalid`);
process.exit(bad ? 1 : 0);
