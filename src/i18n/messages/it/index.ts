// Untranslated yet: falls back to Spanish.
export * from '../es';
