// Produces the *-tfjs-*.f32 references of GraphModelParityTest with @tensorflow/tfjs@4.22.0 (CPU backend):
//   npm install @tensorflow/tfjs@4.22.0 && node tfjs-reference.js <weights>/facemesh.json 192 192 out
// The input is x[i] = 0.9 sin(0.0137 i) + 0.05 cos(0.311 i), NHWC; outputs are little-endian float32.
// usage: node run.js model.json H W outdir  -> writes input.f32 and out_<name>.f32 (+ shapes.json)
const tf = require('@tensorflow/tfjs');
const fs = require('fs'); const path = require('path');
(async () => {
  await tf.setBackend('cpu');
  const [mj, H, W, outdir] = process.argv.slice(2);
  const model = JSON.parse(fs.readFileSync(mj));
  const dir = path.dirname(mj);
  const specs = [], bufs = [];
  for (const g of model.weightsManifest) { specs.push(...g.weights); for (const p of g.paths) bufs.push(fs.readFileSync(path.join(dir, p))); }
  const all = Buffer.concat(bufs);
  const ab = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  const gm = await tf.loadGraphModel(tf.io.fromMemory({ modelTopology: model.modelTopology, weightSpecs: specs, weightData: ab, format: model.format }));
  const n = H * W * 3; const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = Math.sin(i * 0.0137) * 0.9 + 0.05 * Math.cos(i * 0.311);
  fs.mkdirSync(outdir, { recursive: true });
  fs.writeFileSync(path.join(outdir, 'input.f32'), Buffer.from(data.buffer));
  const x = tf.tensor4d(data, [1, +H, +W, 3]);
  const names = gm.outputs.map(o => o.name);
  const outs = gm.execute(x, names);
  const shapes = {};
  (Array.isArray(outs) ? outs : [outs]).forEach((t, i) => { shapes[names[i]] = t.shape; fs.writeFileSync(path.join(outdir, 'out_' + names[i].replace(/[:/]/g, '_') + '.f32'), Buffer.from(t.dataSync().buffer)); });
  fs.writeFileSync(path.join(outdir, 'shapes.json'), JSON.stringify(shapes));
  console.log(shapes);
})();
