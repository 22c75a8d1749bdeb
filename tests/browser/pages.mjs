// Hiroba's pages as a person sees them in Debian's Chromium, driven by Playwright
// (playwright-core, no browser download). Run by tests/app/browser.rs against a demo server:
//
//   node tests/browser/pages.mjs <base-url> '<facts as JSON>'
//
// The facts name what the Rust test prepared (the school after a dismissal, a magazine, a photo)
// and where the screenshots go. Every check prints one line; the exit status is 1 when any failed.

import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const [base, factsJson] = process.argv.slice(2);
if (!base) {
  console.error('usage: node tests/browser/pages.mjs <base-url> <facts-json>');
  process.exit(2);
}
const facts = JSON.parse(factsJson ?? '{}');
const shots = facts.shots ?? 'target/browser-shots';
mkdirSync(shots, { recursive: true });

const PC = { width: 1280, height: 800 };
const PC_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const IPHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const DOCOMO_UA = 'DoCoMo/2.0 N905i(c100;TB;W24H16)';

const failures = [];
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
}

const browser = await chromium.launch({
  executablePath: process.env.HIROBA_CHROMIUM ?? '/usr/bin/chromium',
  // Root in CI containers has no user namespace for Chromium's sandbox.
  args: ['--no-sandbox'],
});

async function open(viewport, userAgent) {
  const context = await browser.newContext({ viewport, userAgent, locale: 'ja-JP' });
  return context.newPage();
}

async function goto(page, path) {
  const response = await page.goto(base + path);
  check(response?.status() === 200, `${path}: answered 200 (got ${response?.status()})`);
}

/// The page is no wider than the window: nothing to scroll sideways.
async function noOverflow(page, name) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));
  check(scroll <= width, `${name}: no horizontal overflow (scrollWidth ${scroll} ≤ ${width})`);
}

async function shot(page, name) {
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

async function logIn(page, email, password) {
  await goto(page, '/login');
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForNavigation(), page.click('form[action^="/login"] input[type=submit]')]);
  const text = await page.textContent('body');
  check(!page.url().includes('/login') && text.includes('ログアウト'), `login of ${email}: signed in (at ${page.url()})`);
}

/// Pairs of texts in one chart whose boxes overlap by more than a pixel each way.
async function overlappingLabels(page) {
  return page.evaluate(() => {
    const found = [];
    document.querySelectorAll('.chart svg').forEach((svg, n) => {
      const boxes = [...svg.querySelectorAll('text')]
        .filter((t) => t.textContent.trim() !== '')
        .map((t) => ({ text: t.textContent.trim(), box: t.getBoundingClientRect() }));
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i].box, boxes[j].box];
          const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (x > 1 && y > 1) found.push(`chart ${n + 1}: 「${boxes[i].text}」 and 「${boxes[j].text}」`);
        }
      }
    });
    return found;
  });
}

async function statistics(page, path, name) {
  await goto(page, path);
  await noOverflow(page, name);
  const layout = await page.evaluate(() => {
    const main = document.querySelector('main').getBoundingClientRect();
    const broken = [...document.querySelectorAll('th')]
      .filter((th) => th.getBoundingClientRect().height > 1.5 * parseFloat(getComputedStyle(th).lineHeight))
      .map((th) => th.textContent);
    const charts = [...document.querySelectorAll('.chart svg')].map((svg) => svg.getBoundingClientRect().width);
    const xLabels = [...document.querySelectorAll('.chart svg')].map(
      (svg) => [...svg.querySelectorAll('text')].filter((t) => t.getAttribute('text-anchor') === 'middle').length,
    );
    return { main: main.width, broken, charts, xLabels };
  });
  check(layout.main > 1000, `${name}: the console uses the PC screen (main is ${Math.round(layout.main)} px wide)`);
  check(layout.broken.length === 0, `${name}: no table header breaks into two lines (${layout.broken.join('、')})`);
  check(layout.charts.length === 8, `${name}: eight charts (found ${layout.charts.length})`);
  check(
    layout.charts.every((w) => w >= 0.4 * layout.main),
    `${name}: each chart takes half the page or more (${layout.charts.map(Math.round).join(', ')} px)`,
  );
  check(layout.xLabels.every((n) => n >= 3), `${name}: every chart labels its periods (${layout.xLabels.join(', ')})`);
  const overlaps = await overlappingLabels(page);
  check(overlaps.length === 0, `${name}: no chart labels overlap ${overlaps.slice(0, 3).join('; ')}`);
  await shot(page, name);
}

try {
  // Login and the coordinator's statistics on a PC screen.
  const pc = await open(PC, PC_UA);
  await goto(pc, '/login');
  await noOverflow(pc, 'login (PC)');
  await shot(pc, 'login-pc');
  await goto(pc, '/password/forgot');
  await noOverflow(pc, 'forgotten password (PC)');
  await logIn(pc, 'coordinator@hiroba.example.jp', facts.password);
  await statistics(pc, '/admin/stats', 'stats-days');
  await statistics(pc, `/admin/stats?from=${facts.year_ago}&to=${facts.today}&by=month`, 'stats-months');
  await statistics(pc, `/admin/stats?from=${facts.year_ago}&to=${facts.today}&by=day`, 'stats-year-of-days');

  // The magazine preview, as each carrier receives the notice.
  await goto(pc, `/admin/magazine/${facts.magazine}`);
  await noOverflow(pc, 'magazine preview');
  const carriers = await pc.$$eval('h3', (hs) => hs.map((h) => h.textContent));
  check(carriers.length >= 3, `magazine preview: one view per carrier (${carriers.join(' / ')})`);
  await shot(pc, 'magazine-preview');

  // The school's live board after a dismissal, as a teacher sees it.
  const teacher = await open(PC, PC_UA);
  await logIn(teacher, 'sensei@kashiwa-es.example.jp', facts.password);
  await goto(teacher, `/watch/schools/${facts.school}`);
  await noOverflow(teacher, 'board');
  const board = await teacher.evaluate(() => ({
    columns: [...document.querySelectorAll('th')].map((th) => th.textContent.trim()),
    // A child's row: 名前, 登校, 下校, いま.
    rows: [...document.querySelectorAll('tr')]
      .map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim()))
      .filter((cells) => cells.length === 4),
  }));
  check(
    ['名前', '登校', '下校', 'いま'].every((c) => board.columns.includes(c)),
    `board: 名前, 登校, 下校 and いま columns (${board.columns.slice(0, 4).join(' / ')})`,
  );
  const left = board.rows.filter((r) => r[3].startsWith('下校'));
  check(left.length > 0, `board: children who went through the gate after school show 下校 (${left.length} of ${board.rows.length})`);
  const leftWithoutMorning = left.filter((r) => r[3] === '下校（登校の記録なし）');
  check(
    leftWithoutMorning.every((r) => !/\d{1,2}:\d{2}/.test(r[1])),
    `board: a dismissal is never shown as an arrival (${leftWithoutMorning.length} left with no morning record)`,
  );
  await shot(teacher, 'board');

  // A post with a photo, written and read on a 390 px smartphone.
  const phone = await open({ width: 390, height: 844 }, IPHONE_UA);
  await logIn(phone, 'hana.mama@docomo.ne.jp', facts.password);
  await goto(phone, '/posts/new');
  await noOverflow(phone, 'new post (390 px)');
  await phone.fill('input[name=title]', '公園の砂場が新しくなりました');
  await phone.fill('textarea[name=body]', 'ベビーカーでも入りやすい入口です。写真は朝の様子です。');
  await phone.setInputFiles('input[name=photo] >> nth=0', facts.photo);
  await Promise.all([phone.waitForNavigation(), phone.click('form input[type=submit]')]);
  check(/\/posts\/\d+/.test(phone.url()), `post with a photo: posted (at ${phone.url()})`);
  await phone.waitForLoadState('load');
  const photo = await phone.evaluate(() => {
    const img = [...document.querySelectorAll('main img')].find((i) => i.naturalWidth > 0);
    return img ? { right: img.getBoundingClientRect().right, width: img.getBoundingClientRect().width } : null;
  });
  check(photo !== null, 'post with a photo: the photo is shown');
  check(photo !== null && photo.right <= 390, `post with a photo: the photo fits the screen (right edge ${photo?.right} ≤ 390)`);
  await noOverflow(phone, 'post with a photo (390 px)');
  await shot(phone, 'post-photo-390');
  // Her account settings on the same screen.
  for (const path of ['/mypage/password', '/mypage/nickname']) {
    await goto(phone, path);
    await noOverflow(phone, `${path} (390 px)`);
  }

  // A keitai page as a PC preview shows it: the docomo User-Agent in a 240 px window.
  const keitai = await open({ width: 240, height: 320 }, DOCOMO_UA);
  await goto(keitai, '/');
  const charset = await keitai.evaluate(() => document.characterSet);
  check(charset === 'Shift_JIS', `keitai top page: read as Shift_JIS (${charset})`);
  const text = await keitai.textContent('body');
  check(text.includes('ログイン') && !text.includes('\uFFFD'), 'keitai top page: Japanese reads without broken characters');
  await noOverflow(keitai, 'keitai top page (240 px)');
  await shot(keitai, 'keitai-top');
} catch (e) {
  failures.push(String(e));
  console.log(`FAIL ${e.stack ?? e}`);
} finally {
  await browser.close();
}

console.log(failures.length === 0 ? 'all browser checks passed' : `${failures.length} browser check(s) failed`);
process.exit(failures.length === 0 ? 0 : 1);
