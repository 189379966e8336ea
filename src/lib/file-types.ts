// C8: the file types tickets accept, by the type found in the bytes, with the extensions that may
// name each one. The server decides from the bytes (src/server/files/inspect.ts); file inputs
// offer the same list.
export const ACCEPTED_TYPES: Record<string, { exts: string[]; image?: true }> = {
  'image/jpeg': { exts: ['jpg', 'jpeg', 'jfif'], image: true },
  'image/png': { exts: ['png'], image: true },
  'image/webp': { exts: ['webp'], image: true },
  'image/gif': { exts: ['gif'], image: true },
  'application/pdf': { exts: ['pdf'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { exts: ['docx'] },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { exts: ['xlsx'] },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': { exts: ['pptx'] },
  'application/vnd.oasis.opendocument.text': { exts: ['odt'] },
  'application/vnd.oasis.opendocument.spreadsheet': { exts: ['ods'] },
  'text/plain': { exts: ['txt', 'log'] },
  'text/csv': { exts: ['csv'] },
};

/** The accept attribute for file inputs. */
export const ACCEPT_ATTRIBUTE = Object.values(ACCEPTED_TYPES)
  .flatMap((t) => t.exts.map((e) => `.${e}`))
  .join(',');
