/**
 * Plain-language explanations of Salesforce error codes, with the fix a DIC user can make. The engine shows
 * them beside rejected rows; the run log and its CSV carry them.
 */

/** What a Salesforce error code means and what to do about it. */
export interface SalesforceErrorHelp {
  explanation: string;
  fix: string;
}

const HELP: Record<string, SalesforceErrorHelp> = {
  INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: {
    explanation: "The value is not one of the field's picklist values.",
    fix: 'Add the value to the picklist in Salesforce Setup, or map a different column.',
  },
  STRING_TOO_LONG: {
    explanation: 'The text is longer than the Salesforce field allows.',
    fix: 'Raise the field length in Salesforce Setup, or map a shorter column.',
  },
  CANNOT_UPDATE_CONVERTED_LEAD: {
    explanation: 'The Lead was converted to a Contact, and Salesforce does not allow converted Leads to change.',
    fix: 'Sync this data to Contacts instead, or match on a key that leaves converted Leads out.',
  },
  ENTITY_IS_DELETED: {
    explanation: 'The record was deleted in Salesforce (it is in the Recycle Bin).',
    fix: 'Restore the record in Salesforce if it should be updated; otherwise nothing needs doing.',
  },
  FIELD_CUSTOM_VALIDATION_EXCEPTION: {
    explanation: "A validation rule in Salesforce refused the change; the message is the rule's own.",
    fix: 'Change the value so it passes the rule, or ask your Salesforce admin to adjust the rule.',
  },
  REQUIRED_FIELD_MISSING: {
    explanation: 'A field Salesforce requires is empty.',
    fix: 'Map a column with a value for the required field, or make sure the column is not empty for these rows.',
  },
  INVALID_FIELD: {
    explanation: 'The field does not exist on the object, or the connected user cannot see it.',
    fix: 'Check the field in Salesforce Setup (and its field-level security), then edit the mapping.',
  },
  INVALID_FIELD_FOR_INSERT_UPDATE: {
    explanation: 'The field is read-only (calculated, system or locked), so it cannot be written.',
    fix: 'Map the column to a field that can be edited.',
  },
  MALFORMED_ID: {
    explanation: 'The record id is not a valid Salesforce id (15 or 18 characters).',
    fix: 'Check the key column: it must hold Salesforce record ids, or match on another field.',
  },
  NUMBER_OUTSIDE_VALID_RANGE: {
    explanation: "The number has more digits than the field's precision and scale allow.",
    fix: 'Raise the field precision in Salesforce Setup, or round or map a different column.',
  },
  INVALID_TYPE_ON_FIELD_IN_RECORD: {
    explanation: "The value does not have the field's type (for example text in a number or date field).",
    fix: 'Map a column of the right type, or fix the values in the report.',
  },
  JSON_PARSER_ERROR: {
    explanation: "A value does not have the field's type, so Salesforce could not read the request.",
    fix: 'Map a column of the right type, or fix the values in the report.',
  },
  INVALID_EMAIL_ADDRESS: {
    explanation: 'The value is not a valid e-mail address.',
    fix: 'Fix the e-mail addresses in the source data, or map a different column.',
  },
  INVALID_CROSS_REFERENCE_KEY: {
    explanation: 'The value must be the id of an existing related record, and no such record was found.',
    fix: 'Map a column holding ids of existing records, or leave the lookup field unmapped.',
  },
  DUPLICATE_VALUE: {
    explanation: 'The field must be unique and another record already has this value.',
    fix: 'Remove the duplicate in Salesforce, or map a column whose values are unique.',
  },
  UNABLE_TO_LOCK_ROW: {
    explanation: 'Another process in Salesforce was changing the same record at the same time.',
    fix: 'Nothing to change: DIC retried; run the integration again to update the remaining rows.',
  },
  REQUEST_LIMIT_EXCEEDED: {
    explanation: "The org's daily API allowance is used up, so Salesforce refuses further calls.",
    fix: 'Try again in a few hours (Salesforce counts calls over a rolling 24 hours), or ask your Salesforce admin to raise the API limit.',
  },
  INVALID_SESSION_ID: {
    explanation: 'The Salesforce session expired or was revoked and could not be renewed.',
    fix: 'An admin must click Reconnect on the Accounts page.',
  },
  INSUFFICIENT_ACCESS_OR_READONLY: {
    explanation: 'The connected Salesforce user may not change this record or field.',
    fix: 'Connect with a user who has the "Modify All Data" permission, or ask your Salesforce admin to share the records.',
  },
  INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY: {
    explanation: 'The connected Salesforce user may not use a related record the change refers to.',
    fix: 'Ask your Salesforce admin to share the related records with the connected user.',
  },
  ENTITY_IS_LOCKED: {
    explanation: 'The record is locked in Salesforce (for example by an approval process).',
    fix: 'Ask the record owner or your Salesforce admin to unlock it, then run again.',
  },
  NOT_FOUND: {
    explanation: 'The record or resource does not exist in Salesforce.',
    fix: 'Check that the record still exists; it may have been deleted.',
  },
  MALFORMED_QUERY: {
    explanation: 'Salesforce could not read the query DIC built.',
    fix: 'Check the key fields in the mapping; if it keeps failing, report it with the run log.',
  },
  INVALID_TYPE: {
    explanation: 'The object does not exist in the org, or the connected user cannot see it.',
    fix: 'Check the object in Salesforce Setup, then edit the integration.',
  },
  EXCEEDED_ID_LIMIT: {
    explanation: 'Too many records were sent in one call.',
    fix: 'Nothing to change in the integration; report it with the run log.',
  },
  HTTP_414: {
    explanation: 'The request was longer than Salesforce accepts (16,384 bytes for its address).',
    fix: 'Nothing to change in the integration; report it with the run log.',
  },
  SERVER_UNAVAILABLE: {
    explanation: 'Salesforce was temporarily unavailable.',
    fix: 'Nothing to change: DIC retried; run the integration again later.',
  },
  REQUEST_RUNNING_TOO_LONG: {
    explanation: 'Salesforce stopped a call that ran too long.',
    fix: 'Run again; if it keeps happening, ask your Salesforce admin about triggers or flows on the object.',
  },
  DUPLICATES_DETECTED: {
    explanation: "A duplicate rule in Salesforce blocked the change because it would create a duplicate record.",
    fix: 'Ask your Salesforce admin to review the duplicate rule, or fix the duplicate records.',
  },
  CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY: {
    explanation: 'A trigger or flow in Salesforce failed while saving the record; the message says which.',
    fix: 'Ask your Salesforce admin to look at the trigger or flow named in the message.',
  },
  FIELD_INTEGRITY_EXCEPTION: {
    explanation: 'The field definition or value breaks a rule of the field (for example a bad length or precision).',
    fix: 'Check the field settings and try again.',
  },
  DUPLICATE_DEVELOPER_NAME: {
    explanation: 'A field with this API name already exists on the object.',
    fix: 'Choose another name, or map the existing field.',
  },
  ALL_OR_NONE_OPERATION_ROLLED_BACK: {
    explanation: 'The record was not saved because another record in the same call failed.',
    fix: 'Fix the other rejected rows; this row is sent again on the next run.',
  },
};

const UNKNOWN: SalesforceErrorHelp = {
  explanation: 'Salesforce refused the change; its message says why.',
  fix: 'Read the message from Salesforce; if the cause is not clear, ask your Salesforce admin.',
};

/** The plain-language explanation and suggested fix for a Salesforce error code (a generic one for unknown codes). */
export function explainSalesforceError(code: string | null | undefined): SalesforceErrorHelp {
  return (code && HELP[code.toUpperCase()]) || UNKNOWN;
}

/** The codes with a specific explanation. */
export const EXPLAINED_SALESFORCE_ERRORS = Object.keys(HELP);
