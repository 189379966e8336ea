import { Suspense } from 'react';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { requireStaffWith } from '@/server/auth/guards';
import { CHANNEL_SLUGS, MESSAGE_CHANNELS, type MessageChannel } from '@/lib/message-filters';
import { MessageLog } from '@/components/messages/message-log';

const channelOf = (slug: string): MessageChannel | undefined => MESSAGE_CHANNELS.find((c) => CHANNEL_SLUGS[c] === slug);

export async function generateMetadata({ params }: { params: Promise<{ channel: string }> }) {
  const t = await getTranslations('messageLog');
  const channel = channelOf((await params).channel);
  return { title: channel ? t(`channelTitle.${channel}`) : t('title') };
}

/** D3 (e-mail), D4 (SMS), D5 (push): one log per channel. */
export default async function MessageLogRoute({ params }: { params: Promise<{ channel: string }> }) {
  await requireStaffWith('messages.read');
  const channel = channelOf((await params).channel);
  if (!channel) notFound();
  return (
    <Suspense>
      <MessageLog key={channel} channel={channel} />
    </Suspense>
  );
}
