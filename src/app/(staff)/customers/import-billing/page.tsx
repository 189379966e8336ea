import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { env } from '@/env';
import { requireStaffWith } from '@/server/auth/guards';
import { PageHeader } from '@/components/ui/controls';
import { BillingImport } from '@/components/billing/billing-import';
import { InvoicePdfUpload } from '@/components/billing/invoice-pdfs';

export async function generateMetadata() {
  const t = await getTranslations('billing.import');
  return { title: t('title') };
}

/** A5: load invoices and payments (billing.import); the API checks the permission again. */
export default async function BillingImportPage() {
  await requireStaffWith('billing.import', '/customers');
  const t = await getTranslations('billing.import');
  const customers = await getTranslations('customers');
  return (
    <>
      <PageHeader
        title={t('title')}
        actions={
          <Link href="/customers" className="inline-flex min-h-10 items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100">
            {customers('title')}
          </Link>
        }
      />
      <div className="space-y-6">
        <BillingImport maxUploadMb={env().BILLING_IMPORT_MAX_MB} />
        <InvoicePdfUpload maxUploadMb={env().MAX_UPLOAD_MB} />
      </div>
    </>
  );
}
