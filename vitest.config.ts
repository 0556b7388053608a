import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Under CI=true a failed test runs once more, as Playwright's own CI default does: two
    // cores run browser tests beside the reliability storms, and one timed-out page load must
    // not hide 700 results. A test that fails twice fails the run.
    retry: process.env.CI ? 1 : 0,
  },
})
