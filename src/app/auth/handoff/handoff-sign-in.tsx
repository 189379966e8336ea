'use client';
import { useEffect, useRef, useState } from 'react';
import { signIn } from 'next-auth/react';

export function HandoffSignIn({ token, pendingText, failedText, retry }: { token: string; pendingText: string; failedText: string; retry: { href: string; label: string } }) {
  const [failed, setFailed] = useState(false);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void signIn('handoff', { token, redirect: false }).then((result) => {
      if (result?.error) setFailed(true);
      else window.location.assign('/');
    });
  }, [token]);
  return failed ? (
    <p role="alert" className="mt-2 text-sm text-red-800">
      {failedText} <a className="underline" href={retry.href}>{retry.label}</a>
    </p>
  ) : (
    <p role="status" className="mt-2 text-sm text-slate-700">{pendingText}</p>
  );
}
