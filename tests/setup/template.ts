/** The migrated database that every integration test file's database is copied from. */
export const TEMPLATE_DATABASE = 'antena_template';
