import { startHarness } from '../harness';

const h = await startHarness({ fault: 'create-returns-200' });
const { page, baseUrl } = h;
page.on('console', (m) => {
  if (m.type() === 'error') console.log('console', m.text());
});
await page.goto(`${baseUrl}/signup`);
await page.getByLabel('Name').fill('Ada Lovelace');
await page.getByLabel('Email').fill('ada@example.com');
await page.getByLabel('Password').fill('a long enough password');
await page.getByRole('button', { name: 'Create account' }).click();
await page.waitForURL(`${baseUrl}/roadmap`);
for (const [id, status] of [
  ['how-the-internet-works', 'done'],
  ['dns', 'done'],
  ['http', 'learning'],
]) {
  await page.request.put(`${baseUrl}/api/progress/topics/${id}`, {
    data: { status },
    headers: {
      'x-csrf-token': (await page.context().cookies()).find((c) => c.name === 'gw_csrf')?.value ?? '',
    },
  });
}
const submit = async (url: string, label: string) => {
  await page.goto(`${baseUrl}/projects/url-shortener`);
  await page.getByLabel("Your server's URL").fill(url);
  await page.getByRole('button', { name: 'Grade my server' }).click();
  await page.waitForURL(/\/submissions\//);
  await page.getByTestId('run-status').getByText(label, { exact: true }).waitFor({ timeout: 120000 });
  return page.url();
};
const passUrl = await submit(h.reference.url, 'Passed');
const failUrl = await submit(h.faulty.url, 'Failed');
const shots: Array<[string, string]> = [
  ['roadmap', `${baseUrl}/roadmap`],
  ['topic', `${baseUrl}/roadmap/http`],
  ['dashboard', `${baseUrl}/dashboard`],
  ['projects', `${baseUrl}/projects`],
  ['project', `${baseUrl}/projects/url-shortener`],
  ['pass', passUrl],
  ['fail', failUrl],
];
for (const scheme of ['light', 'dark'] as const) {
  await page.emulateMedia({ colorScheme: scheme });
  for (const [size, viewport] of [
    ['desk', { width: 1280, height: 860 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    await page.setViewportSize(viewport);
    for (const [name, url] of shots) {
      if (scheme === 'dark' && size === 'phone' && !['topic', 'fail'].includes(name)) continue;
      await page.goto(url);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(400);
      await page.screenshot({
        path: `/tmp/shots/${scheme}-${size}-${name}.png`,
        fullPage: !['roadmap', 'topic', 'project'].includes(name),
      });
    }
  }
}
await h.close();
process.exit(0);
