/**
 * Old name of ./docHooks.ts, kept only while FacilitatorPanel.tsx (edited on another branch)
 * still imports it: switch that import to './docHooks' and delete this file.
 */
export * from './docHooks'
