// Composes docs/screenshot.png from the e2e screenshots (member app on a phone beside the console).
// Run after `npm run test:e2e`: node scripts/readme-screenshot.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shot = (name) => `data:image/png;base64,${fs.readFileSync(path.join(root, '.tmp/screenshots', `${name}.png`)).toString('base64')}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 660 } });
await page.setContent(`
  <body style="margin:0;background:linear-gradient(135deg,#e8f0ff,#f7f9fc);display:flex;gap:28px;align-items:center;justify-content:center;height:660px;font-family:sans-serif">
    <img src="${shot('invest-holding-earned')}" style="height:600px;border-radius:18px;box-shadow:0 8px 30px rgba(0,0,0,.18)">
    <img src="${shot('console-withdrawal-review')}" style="width:900px;border-radius:8px;box-shadow:0 8px 30px rgba(0,0,0,.18);object-fit:cover;object-position:top;height:560px">
  </body>`);
await page.waitForTimeout(300);
fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
await page.screenshot({ path: path.join(root, 'docs/screenshot.png') });
await browser.close();
console.log('docs/screenshot.png written');
