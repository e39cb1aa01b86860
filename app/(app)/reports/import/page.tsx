import Link from 'next/link';
import { ImportEventsForm } from '@/components/reports/import-events-form';
import { buttonClass } from '@/components/ui/button';
import { Card, PageHeader } from '@/components/ui/page';
import { requirePageContext } from '@/lib/auth/session';

const EXAMPLE = `userId,email,type,timestamp,id,score,plan
u-1001,ana@example.com,login,2026-11-20T09:15:00Z,evt-1,,
u-1001,ana@example.com,nps,2026-11-20T09:20:00Z,evt-2,9,
u-1002,bo@example.com,subscription,2026-11-21T14:00:00Z,evt-3,,pro`;

export default async function ImportEventsPage() {
  await requirePageContext();
  return (
    <>
      <PageHeader title="Import events"
        description="Load end-user events from a CSV file, for example a history exported from another tool. They go through the same checks as the ingestion API."
        actions={<Link href="/reports" className={buttonClass('secondary')}>All reports</Link>} />
      <div className="flex flex-col gap-6">
        <Card title="Upload a CSV file">
          <ImportEventsForm />
        </Card>
        <Card title="Expected columns">
          <div className="flex flex-col gap-3 text-sm text-slate-700">
            <p>The first line is a header naming the columns, in any order. Files up to 50 MB, UTF-8.</p>
            <ul className="list-disc pl-5">
              <li><code>userId</code> (required): your product&apos;s id for the end user.</li>
              <li><code>type</code> (required): the event type, e.g. <code>login</code>, <code>nps</code>, <code>onboarding_task</code>, <code>course_progress</code> or your own.</li>
              <li><code>timestamp</code> (required): ISO 8601 date and time, e.g. <code>2026-11-20T09:15:00Z</code>.</li>
              <li><code>email</code> (optional): the end user&apos;s email.</li>
              <li><code>id</code> (optional): your event id; a line whose id was already imported counts as a duplicate and is not stored twice.</li>
              <li>Any other column becomes an event property, e.g. <code>score</code> (0-10) for <code>nps</code>, <code>taskId</code> for <code>onboarding_task</code>, <code>courseId</code>, <code>progress</code> (0-100) and <code>completed</code> (true/false) for <code>course_progress</code>. Empty cells are left out.</li>
            </ul>
            <p>Lines that fail a check are listed with their line number (the header is line 1) and are not imported; every other line is.</p>
            <pre className="overflow-x-auto rounded-md bg-slate-100 p-3 text-xs" aria-label="Example CSV">{EXAMPLE}</pre>
          </div>
        </Card>
      </div>
    </>
  );
}
