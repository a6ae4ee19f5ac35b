import { expect, test } from "@playwright/test";

test("the landing page says what Jotboard is", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle("Jotboard");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("notes and tasks");
  await expect(page.getByRole("link", { name: "Jotboard" })).toBeVisible();
});

test("the health endpoint reports DynamoDB and S3 up", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({
    status: "ok",
    dynamodb: { status: "up" },
    s3: { status: "up" },
  });
});

for (const scheme of ["light", "dark"] as const) {
  test(`the theme follows a ${scheme} system setting`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/");
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe(scheme === "dark" ? "rgb(11, 17, 32)" : "rgb(248, 250, 252)");
  });
}

test("an unknown page shows the not-found page with a 404", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("the shell fits a 360 px phone without horizontal scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 640 });
  await page.goto("/");
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBe(0);
  await expect(page.getByRole("banner")).toBeVisible();
});

test("the browser's favicon request finds the app icon", async ({ request }) => {
  const response = await request.get("/favicon.ico");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("image/png");
});
