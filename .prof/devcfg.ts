import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startDev } from '../tests/helpers/dev-server.ts';
import { projectCopy } from '../tests/helpers/rebuild.ts';
const dir = projectCopy();
const dev = await startDev(dir);
const site = path.join(dir, 'content/site.yaml');
const orig = readFileSync(site, 'utf8');
const home = () => fetch(`${dev.base}/`).then((r) => r.text()).then((t) => /class="site-name"[^>]*>([^<]*)</.exec(t)?.[1]).catch((e) => String(e));
console.log('start', await home());
let t0 = performance.now();
writeFileSync(site, orig.replace('  ar: تحقيق', '  ar: تحقيق جديد'));
for (let i = 0; i < 60; i++) { await new Promise((r) => setTimeout(r, 500)); const h = await home(); if (h?.includes('جديد')) { console.log('renamed after', Math.round(performance.now() - t0), h); break; } }
writeFileSync(site, orig.replace('lang: ar', 'lang: [ar'));
await new Promise((r) => setTimeout(r, 8000));
console.log('broken: home', await home());
writeFileSync(site, orig);
t0 = performance.now();
for (let i = 0; i < 60; i++) { await new Promise((r) => setTimeout(r, 500)); const h = await home(); if (h && !h.includes('جديد')) { console.log('restored after', Math.round(performance.now() - t0), h); break; } }
const m = path.join(dir, 'content/method.yaml');
const morig = readFileSync(m, 'utf8');
writeFileSync(m, morig + '\nunknownField: 1\n');
await new Promise((r) => setTimeout(r, 15000));
console.log('method broken: case status', await fetch(`${dev.base}/cases/dumayr-raid/`).then((r) => r.status));
writeFileSync(m, morig);
await new Promise((r) => setTimeout(r, 15000));
console.log('method restored: case status', await fetch(`${dev.base}/cases/dumayr-raid/`).then((r) => r.status));
console.log(dev.log().split('\n').filter((l) => !/^\s*$/.test(l)).slice(-60).join('\n'));
dev.stop();
