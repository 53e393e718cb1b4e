/**
 * Where a project keeps its case files, relative to the project root. In a module of its own so the CLI can name it
 * without loading the all-cases loader (load-cases.ts, which re-exports it).
 */
export const DEFAULT_CASES_DIR = 'content/cases';
