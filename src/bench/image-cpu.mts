// `npx tsx src/bench/image-cpu.mts`: CPU seconds per lead image (user + system, every thread),
// which a loaded machine changes less than wall time: 10 photograph-like 1600×1067 JPEGs prepared
// with an empty cache folder, then again in the same process (the preview's case).
import sharp from "sharp";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prepareImages } from "../images/lead-images.ts";
const dir = mkdtempSync(join(tmpdir(), "gazette-image-cpu-")); mkdirSync(`${dir}/pub/images`, { recursive: true });
const n = 10; const names: string[] = [];
for (let i = 0; i < n; i++) {
  const hue = (i * 37) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1067"><defs><linearGradient id="g" x2="0" y2="1"><stop offset="0" stop-color="hsl(${hue},60%,70%)"/><stop offset="1" stop-color="hsl(${(hue + 90) % 360},50%,30%)"/></linearGradient></defs><rect width="1600" height="1067" fill="url(#g)"/>${Array.from({ length: 40 }, (_, k) => `<circle cx="${(k * 397 + i * 13) % 1600}" cy="${(k * 211 + i * 7) % 1067}" r="${20 + ((k * 31) % 90)}" fill="hsl(${(hue + k * 9) % 360},55%,${35 + (k % 40)}%)" opacity="0.7"/>`).join("")}</svg>`;
  await sharp(Buffer.from(svg)).blur(0.6).jpeg({ quality: 85 }).toFile(`${dir}/pub/images/${i}.jpg`);
  names.push(`/images/${i}.jpg`);
}
for (const label of ["cold", "warm"]) {
  const c0 = process.cpuUsage(); const t0 = performance.now();
  const r = await prepareImages(names.map((w) => ({ written: w, file: "x.md", field: "image" })), { publicDir: `${dir}/pub`, publicFiles: new Set(names), cacheDir: `${dir}/cache` });
  const c = process.cpuUsage(c0); const wall = (performance.now() - t0) / 1000;
  console.log(`${label}: ${n} images, ${r.byWritten.size} prepared, wall ${wall.toFixed(2)} s, CPU ${((c.user + c.system) / 1e6).toFixed(2)} s, CPU per image ${((c.user + c.system) / 1e6 / n).toFixed(2)} s`);
}
rmSync(dir, { recursive: true, force: true });
