/**
 * The layer rules (README, "Layout"), checked by `npm run deps` as part of `npm test`:
 * shared/ is pure domain code that runs in the browser and on the server alike, so it imports
 * nothing from the other folders, no Node built-in and only the listed packages; the client and
 * the server meet only in shared/; bench/ and tests/ may import anything. No cycles, not even
 * through type-only imports.
 */

/** What shared/ may import from node_modules: runs anywhere, touches neither DOM nor Node. */
const SHARED_PACKAGES = ['yjs', 'zod', 'nanoid', 'csv-stringify', 'lib0', 'fastest-levenshtein']

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle (type-only ones included) ties modules that should be layered: move the shared part, often a type, into its own module.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-is-pure',
      severity: 'error',
      comment: 'shared/ imports nothing from client/, server/, bench/ or tests/.',
      from: { path: '^shared/' },
      to: { path: '^(client|server|bench|tests)/' },
    },
    {
      name: 'shared-no-node-builtins',
      severity: 'error',
      comment: 'shared/ runs in the browser too: no Node built-ins.',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shared-only-portable-packages',
      severity: 'error',
      comment: `shared/ imports only packages that run anywhere (${SHARED_PACKAGES.join(', ')}); add one here only if it needs neither DOM nor Node.`,
      from: { path: '^shared/' },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg', 'npm-unknown'],
        pathNot: `node_modules/(${SHARED_PACKAGES.join('|')})/`,
      },
    },
    {
      name: 'client-not-server',
      severity: 'error',
      comment: 'The client talks to the server over HTTP and WebSocket only; what both need lives in shared/.',
      from: { path: '^client/' },
      to: { path: '^server/' },
    },
    {
      name: 'server-not-client',
      severity: 'error',
      comment: 'The server never imports client code; what both need lives in shared/.',
      from: { path: '^server/' },
      to: { path: '^client/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing (a typo, or a package missing from package.json).',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|data|node_modules)/' },
    // Type-only imports count: a cycle through them is a cycle all the same.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
}
