import { describe, expect, it } from 'vitest';
import { explainSalesforceError, EXPLAINED_SALESFORCE_ERRORS } from './error-help';
import { ApiLimitExceededError, failureFromResponse, parseRetryAfter, SalesforceApiError } from './errors';

// Every code the API facts list, and the write errors the engine shows beside rejected rows.
const CODES = [
  'INVALID_SESSION_ID', 'REQUEST_LIMIT_EXCEEDED', 'INVALID_FIELD', 'MALFORMED_QUERY', 'NOT_FOUND', 'MALFORMED_ID', 'ENTITY_IS_DELETED',
  'FIELD_CUSTOM_VALIDATION_EXCEPTION', 'UNABLE_TO_LOCK_ROW', 'REQUIRED_FIELD_MISSING', 'STRING_TOO_LONG',
  'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', 'CANNOT_UPDATE_CONVERTED_LEAD', 'NUMBER_OUTSIDE_VALID_RANGE',
  'INVALID_TYPE_ON_FIELD_IN_RECORD', 'EXCEEDED_ID_LIMIT', 'INVALID_EMAIL_ADDRESS', 'INVALID_FIELD_FOR_INSERT_UPDATE',
  'DUPLICATE_VALUE', 'INVALID_CROSS_REFERENCE_KEY', 'ALL_OR_NONE_OPERATION_ROLLED_BACK', 'INSUFFICIENT_ACCESS_OR_READONLY',
];

describe('explainSalesforceError', () => {
  it('explains each known code with its own words and a fix', () => {
    const fallback = explainSalesforceError('SOMETHING_NEW');
    for (const code of CODES) {
      const help = explainSalesforceError(code);
      expect(EXPLAINED_SALESFORCE_ERRORS, code).toContain(code);
      expect(help.explanation, code).not.toBe(fallback.explanation);
      expect(help.fix.length, code).toBeGreaterThan(20);
    }
    expect(explainSalesforceError('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST')).toEqual({
      explanation: "The value is not one of the field's picklist values.",
      fix: 'Add the value to the picklist in Salesforce Setup, or map a different column.',
    });
    expect(explainSalesforceError('string_too_long').fix).toMatch(/field length/);
  });

  it('has a sensible default for unknown or missing codes', () => {
    for (const code of ['SOMETHING_NEW', '', null, undefined]) {
      expect(explainSalesforceError(code).explanation).toMatch(/Salesforce refused/);
    }
  });
});

describe('Salesforce errors', () => {
  it('keep Salesforce code, status, message and Retry-After from the answer', () => {
    const error = new SalesforceApiError(failureFromResponse(429, { 'retry-after': '2' }, '[{"message":"slow down","errorCode":"REQUEST_LIMIT"}]'));
    expect(error).toMatchObject({ sfErrorCode: 'REQUEST_LIMIT', httpStatus: 429, sfMessage: 'slow down', retryAfterMs: 2000, code: 'UNAVAILABLE', retryAfterSeconds: 2 });
    const html = failureFromResponse(502, {}, '<html>bad gateway</html>');
    expect(html).toMatchObject({ sfErrorCode: 'HTTP_502', httpStatus: 502 });
    expect(parseRetryAfter('Wed, 02 Dec 2026 00:00:10 GMT', Date.parse('Wed, 02 Dec 2026 00:00:00 GMT'))).toBe(10_000);
  });

  it('say the API allowance is used up, that the run stopped, and when to try again', () => {
    const error = new ApiLimitExceededError({ sfErrorCode: 'REQUEST_LIMIT_EXCEEDED', httpStatus: 403, sfMessage: 'TotalRequests Limit exceeded.' }, { used: 15000, max: 15000 });
    expect(error.message).toMatch(/daily API allowance is used up \(15,000 of 15,000 calls in the last 24 hours\), so the run stopped/);
    expect(error.message).toMatch(/try again after a few hours/);
  });
});
