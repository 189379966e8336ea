'use client';
// A page about one record (a ticket, a customer, a user) whose record the server does not find —
// it does not exist, or belongs to another tenant or out of the caller's sight — is the not-found
// page, like an address that does not exist, never an error inside an empty page.
import { notFound } from 'next/navigation';

type QueryError = { data?: { code?: string } | null } | null | undefined;

/** Call while rendering, with the record's query error. */
export function notFoundOn(error: QueryError): void {
  if (error?.data?.code === 'NOT_FOUND') notFound();
}
