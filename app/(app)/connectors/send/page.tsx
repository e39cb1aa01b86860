import { redirect } from 'next/navigation';

/** The old "Send a report" form: integrations to a JSON event or an action are made in the wizard now. */
export default async function SendReportPage({ searchParams }: { searchParams: Promise<{ action?: string }> }) {
  const { action } = await searchParams;
  redirect(action ? `/integrations/new?action=${encodeURIComponent(action)}` : '/integrations/new');
}
