/** The plain-language fix shown beside a row Salesforce refused. */
export function explainRowError(code: string): { explanation: string; fix: string } {
  switch (code) {
    case 'UNABLE_TO_LOCK_ROW':
      return { explanation: 'Another process was changing the record, and it stayed locked through every retry.', fix: 'Nothing to change: the row is sent again with the next run.' };
    case 'UNPROCESSED':
      return { explanation: 'Salesforce did not process the record.', fix: 'Nothing to change: the row is sent again with the next run.' };
    default:
      return { explanation: 'Salesforce refused the record.', fix: 'Read Salesforce\'s message, correct the value or the field in Salesforce, and run again.' };
  }
}
