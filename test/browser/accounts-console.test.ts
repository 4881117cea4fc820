import type { INestApplication } from '@nestjs/common';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiApplication } from '../../apps/api/src/api-application';
import { loadConfig } from '@jiebang/config';
import { freePort } from '@jiebang/devstack/free-port';
import { ensureTestUser } from '../support/users';
import { startIdentityProvider, type TestIdentityProvider } from '../support/identity-provider';
import { tinyScenario } from '../support/scenarios';
import { ACTORS, startJiebangSuite, type JiebangSuite } from '../support/suite';
import { checkPage, DESKTOP, launchChromium, signedIn, signInWithKeyboard } from './support/browser';

const { admin, assessor } = ACTORS;
const NEW_PASSWORD = 'Lantern-harbour-47';

describe('the console: accounts, in Chinese', () => {
  let suite: JiebangSuite;
  let browser: Browser;
  let adminPage: Page;
  const call: JiebangSuite['call'] = (...args) => suite.call(...args);

  beforeAll(async () => {
    [suite, browser] = await Promise.all([startJiebangSuite('accounts-console'), launchChromium()]);
    // Units exist only within a year: u-a and u-b.
    const imported = await call('POST', '/cycles', { actor: assessor, body: tinyScenario('Accounts district') });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    ({ page: adminPage } = await signedIn(browser, suite.baseUrl, suite.stack.databaseUrl, admin));
  });

  afterAll(async () => {
    await browser?.close();
    await suite?.stop();
  });

  /** A person at a fresh browser, at the sign-in page. */
  async function stranger(): Promise<Page> {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await page.goto(`${suite.baseUrl}/`);
    return page;
  }

  /**
   * Chooses an option of an antd select by its label. A click that lands while the dialog is still
   * opening (its zoom animation) leaves the list closed: the select is clicked again until it shows.
   */
  async function choose(page: Page, scope: Page | Locator, label: string, option: string): Promise<void> {
    const choice = page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`);
    for (let attempt = 1; ; attempt++) {
      await scope.getByRole('combobox', { name: label }).click({ force: true });
      const shown = await choice.waitFor({ timeout: 5_000 }).then(
        () => true,
        () => false,
      );
      if (shown) break;
      if (attempt === 5) throw new Error(`the ${label} list never showed ${option}`);
      // Not Escape: with the list closed it would close the dialog itself. The next click opens it.
    }
    await choice.click();
    await page.keyboard.press('Escape');
  }

  it('the administrator creates an account; the new person must choose a password, then sees their account', async () => {
    // The header's user menu leads to one's own account.
    await adminPage.getByTestId('user-menu').click();
    await adminPage.locator('.ant-dropdown-menu').getByRole('menuitem', { name: '我的账户' }).click();
    await adminPage.getByTestId('my-identity').getByText('系统管理员').waitFor();

    await adminPage.getByRole('link', { name: '账户管理' }).click();
    await adminPage.getByRole('cell', { name: admin.user, exact: true }).first().waitFor();
    await checkPage(adminPage, 'accounts');

    const dialog = adminPage.getByRole('dialog');
    // checkPage has just resized the window and back: a click while the layout re-renders at the
    // restored width may land on the button's old node and open nothing; click until it opens.
    for (let attempt = 1; !(await dialog.isVisible()); attempt++) {
      if (attempt > 5) throw new Error('the 新建账号 dialog never opened');
      await adminPage.getByRole('button', { name: '新建账号' }).click();
      await dialog.waitFor({ timeout: 5_000 }).catch(() => undefined);
    }
    await dialog.getByLabel('账号', { exact: true }).fill('li-si');
    await dialog.getByLabel('姓名', { exact: true }).fill('李四');
    await choose(adminPage, dialog, '角色', '单位联络员');
    await dialog.getByLabel('手机号码', { exact: true }).fill('13800138000');
    // A unit role without a unit: the API's own schema refuses it beside the field, before anything is sent.
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('填写的内容不符合要求：UNIT_REPORTER acts for one unit: name it').waitFor();
    await dialog.getByLabel('责任单位', { exact: true }).fill('u-a');
    await dialog.getByRole('button', { name: '保存' }).click();
    const temporary = adminPage.getByTestId('temporary-password');
    await temporary.waitFor();
    await adminPage.getByText('临时密码只显示这一次').waitFor();
    const temporaryPassword = (await temporary.textContent())!.trim();
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(12);
    await checkPage(adminPage, 'accounts-temporary-password');
    await adminPage.getByRole('button', { name: '确定' }).click();
    await adminPage.getByRole('cell', { name: '李四' }).waitFor();

    const person = await stranger();
    await signInWithKeyboard(person, 'li-si', temporaryPassword);
    await person.getByRole('heading', { name: '请设置新密码' }).waitFor();
    // The password rules, in Chinese, beside the field.
    await person.getByLabel('新密码', { exact: true }).fill('li-si-2026-password');
    await person.getByLabel('再次输入新密码', { exact: true }).fill('li-si-2026-password');
    await person.getByRole('button', { name: '设置密码并登录' }).click();
    await person.getByText('密码不得包含用户名').waitFor();
    await person.getByLabel('新密码', { exact: true }).fill('short');
    await person.getByText('密码至少需要 12 个字符').waitFor();
    await checkPage(person, 'password-change');
    await person.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await person.getByLabel('再次输入新密码', { exact: true }).fill(NEW_PASSWORD);
    await person.getByRole('button', { name: '设置密码并登录' }).click();
    await person.getByTestId('signed-in-user').waitFor({ state: 'attached' });

    await person.getByRole('link', { name: '我的账户' }).click();
    const identity = person.getByTestId('my-identity');
    await identity.getByText('李四').waitFor();
    await identity.getByText('单位联络员').waitFor();
    await identity.getByText(/u-a/).waitFor();
    expect(await person.getByLabel('手机号码', { exact: true }).inputValue()).toBe('13800138000');
    await checkPage(person, 'my-account');

    // A bad email is refused beside its field; a good one is saved, and English switches the console's language.
    await person.getByLabel('电子邮箱', { exact: true }).fill('not-an-email');
    await person.getByRole('button', { name: '保存' }).click();
    // Worded by the problem's code (invalid_format, email), the API's message after it.
    await person.getByText(/须为有效的电子邮箱地址（expected an email address/).waitFor();
    await person.getByLabel('电子邮箱', { exact: true }).fill('li.si@example.gov.cn');
    await choose(person, person, '语言', 'English');
    await person.getByRole('button', { name: '保存' }).click();
    await person.getByText('Contact details', { exact: true }).waitFor();
    const saved = await call('GET', '/accounts/li-si', { actor: admin });
    expect(saved.body).toMatchObject({ language: 'en', contact: { email: 'li.si@example.gov.cn' } });

    // Changing one's own password: the old one is required, and a wrong one is refused beside it.
    await person.getByLabel('Current password', { exact: true }).fill('not-my-password');
    await person.getByLabel('New password', { exact: true }).fill('Another-lantern-58');
    await person.getByLabel('Repeat the new password', { exact: true }).fill('Another-lantern-58');
    await person.getByRole('button', { name: 'Change password' }).click();
    await person.getByText(/The current password is wrong/).waitFor();
    await person.getByLabel('Current password', { exact: true }).fill(NEW_PASSWORD);
    await person.getByRole('button', { name: 'Change password' }).click();
    await person.getByText('Password changed').waitFor();
    await person.context().close();
  });

  it('a password reset by the administrator makes the person choose a new one at their next sign-in', async () => {
    await adminPage.getByRole('link', { name: '账户管理' }).click();
    const row = adminPage.getByRole('row', { name: /li-si/ });
    await row.getByRole('button', { name: '重置密码' }).click();
    await adminPage.getByRole('button', { name: '确定' }).click();
    const temporary = adminPage.getByTestId('temporary-password');
    await temporary.waitFor();
    const temporaryPassword = (await temporary.textContent())!.trim();
    await adminPage.getByRole('dialog').getByRole('button', { name: '确定' }).click();

    const person = await stranger();
    // The old password no longer works.
    await signInWithKeyboard(person, 'li-si', 'Another-lantern-58');
    await person.getByText('用户名或密码错误').waitFor();
    await person.getByLabel('密码', { exact: true }).fill(temporaryPassword);
    await person.getByRole('button', { name: '登录' }).click();
    // The account's language is English now, but this browser's console is still in Chinese.
    await person.getByRole('heading', { name: '请设置新密码' }).waitFor();
    await person.getByLabel('新密码', { exact: true }).fill('Third-lantern-69');
    await person.getByLabel('再次输入新密码', { exact: true }).fill('Third-lantern-69');
    await person.getByRole('button', { name: '设置密码并登录' }).click();
    await person.getByTestId('signed-in-user').waitFor({ state: 'attached' });
    await person.context().close();
  });

  it('the administrator disables someone (with confirmation), and cannot disable themselves', async () => {
    const person = await stranger();
    await signInWithKeyboard(person, 'li-si', 'Third-lantern-69');
    await person.getByTestId('signed-in-user').waitFor({ state: 'attached' });

    await adminPage.getByRole('link', { name: '账户管理' }).click();
    await adminPage.getByLabel('按姓名或账号搜索', { exact: true }).fill('李四');
    const row = adminPage.getByRole('row', { name: /li-si/ });
    await row.getByRole('button', { name: '停用' }).click();
    await adminPage.getByText('确定停用 李四？').waitFor();
    await adminPage.getByRole('button', { name: '确定' }).click();
    await row.getByText('已停用').waitFor();
    // Their session ended at once: a reload lands on the sign-in page.
    await person.reload();
    await person.getByRole('button', { name: '登录' }).waitFor();
    await person.context().close();

    await adminPage.getByLabel('按姓名或账号搜索', { exact: true }).fill(admin.user);
    const own = adminPage.getByRole('row', { name: new RegExp(admin.user) });
    await own.getByRole('button', { name: '停用' }).click();
    await adminPage.getByRole('button', { name: '确定' }).click();
    await adminPage.getByTestId('account-refusal').getByText('不能停用自己的账号').waitFor();
    expect(
      (await call('GET', `/accounts/${admin.user}`, { actor: admin }).then((r) => r.body)) as object,
    ).toMatchObject({
      disabled: false,
    });
  });

  it('an address book with a bad row is refused whole, each bad row shown with its line and reason', async () => {
    await adminPage.getByRole('link', { name: '账户管理' }).click();
    await adminPage.waitForURL('**/accounts');
    await adminPage.getByRole('link', { name: '导入通讯录' }).click();
    await adminPage.waitForURL('**/accounts/import');
    const startImport = adminPage.getByRole('button', { name: '导入', exact: true });
    await startImport.waitFor();
    const csv = [
      '账号,姓名,角色,单位,手机',
      'wang-wu,王五,单位联络员,u-b,13900139000',
      'zhao-liu,赵六,单位联络员,u-b,12345',
    ];
    await adminPage.locator('input[type=file]').setInputFiles({
      name: '通讯录.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv.join('\n')),
    });
    await expect.poll(() => startImport.isEnabled()).toBe(true);
    await startImport.click();
    const problems = adminPage.getByTestId('import-problems');
    await problems.getByText('未导入任何账号').waitFor();
    const bad = problems.getByRole('row', { name: /mobile/ });
    expect(await bad.getByRole('cell').first().textContent()).toBe('3');
    expect(await bad.textContent()).toMatch(/expected a mobile number/);
    await checkPage(adminPage, 'accounts-import-refused');
    expect((await call('GET', '/accounts?q=wang-wu', { actor: admin })).body).toEqual({ accounts: [] });

    csv[2] = 'zhao-liu,赵六,单位联络员,u-b,13700137000';
    await adminPage.locator('input[type=file]').setInputFiles({
      name: '通讯录.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv.join('\n')),
    });
    // Choosing another file clears the refusal; then ask for temporary passwords.
    await problems.waitFor({ state: 'detached' });
    const temporaryPasswords = adminPage.getByRole('switch', { name: '为新账号生成临时密码' });
    await temporaryPasswords.click();
    await expect.poll(() => temporaryPasswords.getAttribute('aria-checked')).toBe('true');
    await startImport.click();
    await adminPage.getByText('导入完成：新建 2 个，更新 0 个，未变 0 个').waitFor();
    await adminPage.getByRole('cell', { name: 'zhao-liu' }).waitFor();
    await checkPage(adminPage, 'accounts-import-done');
  });
});

describe('the console: signing in by the district identity provider', () => {
  let suite: JiebangSuite;
  let browser: Browser;
  let idp: TestIdentityProvider;
  let oidcApi: INestApplication;
  let oidcBaseUrl: string;

  beforeAll(async () => {
    [suite, browser] = await Promise.all([startJiebangSuite('accounts-console-oidc'), launchChromium()]);
    const [apiPort, idpPort] = [await freePort(), await freePort()];
    oidcBaseUrl = `http://127.0.0.1:${apiPort}`;
    idp = await startIdentityProvider(idpPort, `${oidcBaseUrl}/auth/oidc/callback`);
    // The same stack, behind an API that signs people in only through the identity provider.
    oidcApi = await createApiApplication(
      loadConfig({
        DATABASE_URL: suite.stack.databaseUrl,
        TEMPORAL_ADDRESS: suite.stack.temporalAddress,
        TEMPORAL_TASK_QUEUE: 'accounts-console-oidc',
        DEMO_IMPORT: 'false',
        LOG_LEVEL: 'warn',
        JWT_SECRET: 'accounts-console-oidc-secret-0123456789-abcdef',
        OIDC_ISSUER: idp.issuer,
        OIDC_CLIENT_ID: idp.clientId,
        OIDC_CLIENT_SECRET: idp.clientSecret,
        OIDC_REDIRECT_URI: `${oidcBaseUrl}/auth/oidc/callback`,
        OIDC_SIGNED_IN_REDIRECT: `${oidcBaseUrl}/`,
        PASSWORD_SIGN_IN: 'false',
      }),
    );
    await oidcApi.listen(apiPort, '127.0.0.1');
    await ensureTestUser(suite.stack.databaseUrl, assessor);
  });

  afterAll(async () => {
    await browser?.close();
    await oidcApi?.close();
    await idp?.stop();
    await suite?.stop();
  });

  it('shows only the identity provider’s button, which signs an existing account in', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await page.goto(`${oidcBaseUrl}/`);
    const button = page.getByRole('link', { name: '统一身份认证登录' });
    await button.waitFor();
    expect(await page.getByLabel('用户名', { exact: true }).count()).toBe(0);
    await checkPage(page, 'sign-in-oidc');
    await button.click();
    // The provider's own (development) screens: sign in as the assessor, then consent.
    await page.locator('input[name=login]').fill(assessor.user);
    await page.locator('input[name=password]').fill('any');
    await page.locator('button[type=submit]').click();
    await page.locator('button[type=submit]').click();
    await page.getByTestId('signed-in-user').waitFor({ state: 'attached' });
    expect(await page.getByTestId('signed-in-user').textContent()).toBe(assessor.user);
    // The refresh token left the address at once, into the httpOnly cookie.
    expect(page.url()).not.toContain('refreshToken');
    await page.reload();
    await page.getByTestId('signed-in-user').waitFor({ state: 'attached' });
    await context.close();
  });

  it('tells a person the provider vouches for, but who has no account here, why they are refused', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await page.goto(`${oidcBaseUrl}/`);
    await page.getByRole('link', { name: '统一身份认证登录' }).click();
    await page.locator('input[name=login]').fill('stranger-7');
    await page.locator('input[name=password]').fill('any');
    await page.locator('button[type=submit]').click();
    await page.locator('button[type=submit]').click();
    await page.getByText('统一身份认证账号未在本系统开通').waitFor();
    await page.getByText(/stranger-7/).waitFor();
    expect(page.url()).toBe(`${oidcBaseUrl}/`);
    await context.close();
  });
});
