// Signing in and out through the UI, the way a person does it: the /login form, by its labels.
//
// The demo city (`serve --demo`) has one account per role, all with the password DEMO_PASSWORD:
//   kanri       管理者
//   sc1         第1層コーディネーター
//   yawata-sc   第2層コーディネーター・あんしんセンター (八幡)
//   yawata-iin  協議体メンバー (八幡)
//   etsuran     閲覧のみ
// Forms carry a hidden _csrf field tied to the session; a browser sends it by itself, so nothing
// here (or in the tests) has to handle it.

export const DEMO_PASSWORD = 'sasaeai-demo';
export const SESSION_COOKIE = 'sasaeai_session';

const isLoginPost = (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login';

// Fills the sign-in form already on screen and submits it. Returns the response to the POST
// (303 on success; the form again with 401 on a wrong password) once the next page is loaded.
export async function submitSignIn(page, login, password) {
  await page.getByLabel('ログインID', { exact: true }).fill(login);
  await page.getByLabel('パスワード', { exact: true }).fill(password);
  const [response] = await Promise.all([
    page.waitForResponse(isLoginPost),
    page.getByRole('main').getByRole('button', { name: 'サインイン', exact: true }).click(),
  ]);
  await page.waitForLoadState('load');
  return response;
}

// Signs `login` in through /login and waits until the browser is on the page it was sent to
// (`next`, default the dashboard) with the signed-in header. Throws if the sign-in is refused.
export async function signIn(page, login, { password = DEMO_PASSWORD, next } = {}) {
  await page.goto(next === undefined ? '/login' : `/login?next=${encodeURIComponent(next)}`);
  const response = await submitSignIn(page, login, password);
  if (response.status() !== 303) {
    throw new Error(`signing in as ${login} was answered with ${response.status()}, not 303 (page: ${page.url()})`);
  }
  await page.waitForURL((url) => url.pathname !== '/login');
  await signOutButton(page).waitFor({ state: 'visible', timeout: 5_000 });
  return response;
}

// The header's sign-out button (a form POST to /logout).
export const signOutButton = (page) => page.locator('header .user-menu').getByRole('button', { name: 'サインアウト', exact: true });

// The header's 「表示名（役割）」 text, or null when nobody is signed in.
export async function headerUser(page) {
  const user = page.locator('header .user-menu .user');
  return (await user.count()) === 0 ? null : (await user.textContent()).trim();
}

export async function signOut(page) {
  await Promise.all([
    page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('notice') === 'signed_out'),
    signOutButton(page).click(),
  ]);
}

export async function sessionCookie(context) {
  return (await context.cookies()).find((c) => c.name === SESSION_COOKIE) ?? null;
}
