// ESLint flat config: Next's rules (React, hooks, a11y, Core Web Vitals), typescript-eslint, and a few
// type-aware rules that catch real bugs (a promise nobody awaits, a promise where a value was meant).
// Style is left to the editor; every rule here is an error that points at a likely defect.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    ".data/**",
    "node_modules/**",
    "test-results/**",
    "playwright-report/**",
    "bench/.out/**",
    "next-env.d.ts",
    "db/migrations/**",
  ]),
  {
    files: ["**/*.{ts,tsx,mts,cts}"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "@typescript-eslint": tseslint.plugin },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/no-unused-expressions": "error",
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/await-thenable": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
  // Layers point one way: app → components → lib → db. A lower layer importing a higher one is refused
  // (tests may reach up to drive a route).
  ...[
    { folder: "components", above: ["app"] },
    { folder: "lib", above: ["app", "components"] },
    { folder: "db", above: ["app", "components", "lib"] },
  ].map(({ folder, above }) => ({
    files: [`${folder}/**/*.{ts,tsx}`],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: above.map((layer) => ({
          group: [`@/${layer}`, `@/${layer}/**`],
          message: `${folder}/ must not import ${layer}/: pass it in from the page or move the shared part down a layer.`,
        })),
      }],
    },
  })),
  {
    // Playwright fixtures call `use(value)`, which is not React's `use` hook.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    files: ["**/*.{js,mjs,cjs}"],
    ...tseslint.configs.disableTypeChecked,
  },
]);
