'use client';
// Field errors and the message of a failed tRPC mutation, already translated by the server.
type TRPCLikeError = { message: string; data?: { fieldErrors?: Record<string, string> } | null } | null | undefined;

export function formErrors(error: TRPCLikeError) {
  const fields = error?.data?.fieldErrors ?? {};
  return {
    message: error?.message ?? null,
    field: (name: string) => fields[name],
    fields,
  };
}
