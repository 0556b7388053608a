// ESLint flat config: the JavaScript and typescript-eslint recommended rules everywhere,
// the React hooks rules (including the React Compiler's) for the client.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import { defineConfig } from 'eslint/config'

export default defineConfig(
  {
    ignores: ['dist/', 'node_modules/', 'data/', 'coverage/', '.vite/', 'tests/e2e/__screenshots__/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: {
      reportUnusedDisableDirectives: 'error',
    },
    rules: {
      // As the compiler's noUnusedLocals/noUnusedParameters: a leading underscore marks a name
      // kept on purpose, and `const { a, ...rest } = x` may drop `a`.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    languageOptions: {
      globals: { ...globals.browser },
    },
    extends: [reactHooks.configs.flat.recommended],
  },
  {
    // Component tests render client code in happy-dom.
    files: ['tests/**/*.tsx'],
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
    },
  },
)
