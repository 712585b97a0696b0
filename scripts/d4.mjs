import puppeteer from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from './chromium.mjs';
const browser = await puppeteer.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true, protocolTimeout: 20000 });
const t0 = Date.now(); const t = () => ((Date.now()-t0)/1000).toFixed(1);
browser.on('disconnected', () => console.log(t(), 'BROWSER DISCONNECTED'));
browser.process()?.on('exit', (c, s) => console.log(t(), 'chromium exit', c, s));
const crm = await browser.newPage();
crm.on('console', m => console.log(t(), 'crm:', m.type(), m.text().slice(0,200)));
const cust = await browser.newPage();
cust.on('console', m => console.log(t(), 'cust:', m.type(), m.text().slice(0,200)));
await crm.goto('http://127.0.0.1:5173/');
await cust.goto('http://127.0.0.1:5173/demo/customer.html');
await new Promise(r => setTimeout(r, 3000));
console.log(t(), 'dial', await cust.evaluate(() => document.querySelector('ringside-phone').dial('1001').then(r => r.call.state, e => e.message)));
await new Promise(r => setTimeout(r, 1500));
console.log(t(), 'answer', await crm.evaluate(() => document.querySelector('ringside-phone').answer().then(r => r.call.state, e => e.message)));
for (let i = 0; i < 10; i++) { await new Promise(r => setTimeout(r, 500)); console.log(t(), 'tick', await crm.evaluate(() => document.querySelector('#log').innerText.split('\n')[0])); }
await browser.close();
