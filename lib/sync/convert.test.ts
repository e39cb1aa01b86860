import { describe, expect, it } from 'vitest';
import { convertValue, fieldAccepts } from './convert';
import { testField } from './testing';

const text = testField({ name: 'Title', length: 10 });
const email = testField({ name: 'Email', type: 'email', length: 80 });
const score = testField({ name: 'NPS__c', type: 'double', precision: 3, scale: 0 });
const money = testField({ name: 'Amount__c', type: 'currency', precision: 5, scale: 2 });
const count = testField({ name: 'Employees', type: 'int', precision: 8 });
const pct = testField({ name: 'Rate__c', type: 'percent', precision: 5, scale: 2 });
const flag = testField({ name: 'Done__c', type: 'boolean', nillable: false });
const day = testField({ name: 'Day__c', type: 'date' });
const moment = testField({ name: 'At__c', type: 'datetime' });
const category = testField({ name: 'Cat__c', type: 'picklist', picklistValues: ['Promoter', 'Passive', 'Detractor'], restrictedPicklist: true });
const open = testField({ name: 'Source', type: 'picklist', picklistValues: ['Web'], restrictedPicklist: false });
const multi = testField({ name: 'Tags__c', type: 'multipicklist', picklistValues: ['a', 'b'], restrictedPicklist: true, length: 4099 });
const required = testField({ name: 'LastName', nillable: false, length: 80 });

describe('convertValue', () => {
  it('keeps text that fits and rejects text longer than the field, naming column, length and fix', () => {
    expect(convertValue('Engineer', 'string', text, 'Role')).toEqual({ ok: true, value: 'Engineer' });
    expect(convertValue('Chief Engineer', 'string', text, 'Role')).toEqual({
      ok: false, code: 'STRING_TOO_LONG', reason: '"Role" is 14 characters long; Title holds at most 10.',
      fix: 'Shorten the value in the source data, or make the field longer in Salesforce Setup.',
    });
  });

  it('writes numbers, booleans, dates and date-times into text fields as text', () => {
    const wide = testField({ name: 'Notes__c', length: 100 });
    expect(convertValue(12.5, 'number', wide)).toEqual({ ok: true, value: '12.5' });
    expect(convertValue(true, 'boolean', wide)).toEqual({ ok: true, value: 'true' });
    expect(convertValue('2026-03-01', 'date', wide)).toEqual({ ok: true, value: '2026-03-01' });
    expect(convertValue(new Date('2026-03-01T10:00:00Z'), 'datetime', wide)).toEqual({ ok: true, value: '2026-03-01T10:00:00.000Z' });
  });

  it('checks e-mail addresses', () => {
    expect(convertValue(' ana@example.com ', 'email', email)).toEqual({ ok: true, value: 'ana@example.com' });
    expect(convertValue('ana@', 'email', email, 'Email')).toMatchObject({ ok: false, code: 'INVALID_EMAIL_ADDRESS', reason: '"Email" "ana@" is not an e-mail address.' });
    expect(convertValue('a b@example.com', 'string', email)).toMatchObject({ ok: false, code: 'INVALID_EMAIL_ADDRESS' });
  });

  it('rounds numbers to the field scale and rejects ones with too many digits before the point', () => {
    expect(convertValue(9, 'integer', score)).toEqual({ ok: true, value: 9 });
    expect(convertValue(999.4, 'number', score)).toEqual({ ok: true, value: 999 });
    expect(convertValue(999.5, 'number', score, 'NPS Score')).toMatchObject({ ok: false, code: 'NUMBER_OUTSIDE_VALID_RANGE', reason: '"NPS Score" 999.5 has more than 3 digits before the decimal point, which is what NPS__c holds.' });
    expect(convertValue(1234, 'integer', score)).toMatchObject({ ok: false, code: 'NUMBER_OUTSIDE_VALID_RANGE' });
    expect(convertValue(123.456, 'number', money)).toEqual({ ok: true, value: 123.46 });
    expect(convertValue(-12.125, 'number', money)).toEqual({ ok: true, value: -12.13 });
    expect(convertValue(1234.5, 'number', money)).toMatchObject({ ok: false, code: 'NUMBER_OUTSIDE_VALID_RANGE' });
    expect(convertValue(-0.001, 'number', money)).toEqual({ ok: true, value: 0 });
  });

  it('parses numbers from text columns and rejects text that is not a number', () => {
    expect(convertValue(' 42 ', 'string', score)).toEqual({ ok: true, value: 42 });
    expect(convertValue('1e2', 'string', score)).toEqual({ ok: true, value: 100 });
    expect(convertValue('twelve', 'string', score, 'Score')).toEqual({
      ok: false, code: 'INVALID_NUMBER', reason: '"Score" "twelve" is not a number.', fix: 'Correct the value in the source data, or map a numeric column.',
    });
    expect(convertValue('12,5', 'string', score)).toMatchObject({ ok: false, code: 'INVALID_NUMBER' });
    expect(convertValue(Number.NaN, 'number', score)).toMatchObject({ ok: false, code: 'INVALID_NUMBER' });
  });

  it('takes whole numbers only into integer fields, within their digits and 32 bits', () => {
    expect(convertValue(250, 'integer', count)).toEqual({ ok: true, value: 250 });
    expect(convertValue(2.5, 'number', count)).toMatchObject({ ok: false, code: 'INVALID_NUMBER' });
    expect(convertValue(123_456_789, 'integer', count)).toMatchObject({ ok: false, code: 'NUMBER_OUTSIDE_VALID_RANGE' });
    expect(convertValue(3_000_000_000, 'integer', testField({ name: 'Big__c', type: 'int', precision: 0 }))).toMatchObject({ ok: false, code: 'NUMBER_OUTSIDE_VALID_RANGE' });
  });

  it('keeps percents on the 0-100 scale Salesforce uses', () => {
    expect(convertValue(62.5, 'percent', pct)).toEqual({ ok: true, value: 62.5 });
    expect(convertValue('75%', 'string', pct)).toEqual({ ok: true, value: 75 });
    expect(convertValue(1000, 'percent', pct)).toMatchObject({ ok: false, code: 'NUMBER_OUTSIDE_VALID_RANGE' });
  });

  it('converts booleans, and an empty checkbox is false', () => {
    expect(convertValue(true, 'boolean', flag)).toEqual({ ok: true, value: true });
    expect(convertValue('Yes', 'string', flag)).toEqual({ ok: true, value: true });
    expect(convertValue('0', 'string', flag)).toEqual({ ok: true, value: false });
    expect(convertValue(null, 'boolean', flag)).toEqual({ ok: true, value: false });
    expect(convertValue('maybe', 'string', flag)).toMatchObject({ ok: false, code: 'INVALID_BOOLEAN' });
  });

  it('converts dates and date-times in UTC, rejecting impossible days and years Salesforce refuses', () => {
    expect(convertValue('2026-02-28', 'date', day)).toEqual({ ok: true, value: '2026-02-28' });
    expect(convertValue(new Date('2026-02-28T23:30:00Z'), 'datetime', day)).toEqual({ ok: true, value: '2026-02-28' });
    expect(convertValue('2026-02-28', 'date', moment)).toEqual({ ok: true, value: '2026-02-28T00:00:00.000Z' });
    expect(convertValue('2026-02-28T10:00:00+02:00', 'string', moment)).toEqual({ ok: true, value: '2026-02-28T08:00:00.000Z' });
    expect(convertValue('2026-02-28 10:00', 'string', moment)).toEqual({ ok: true, value: '2026-02-28T10:00:00.000Z' });
    expect(convertValue('2026-02-30', 'string', day, 'Renewal')).toMatchObject({ ok: false, code: 'INVALID_DATE', reason: '"Renewal" "2026-02-30" is not a date.' });
    expect(convertValue('next week', 'string', day)).toMatchObject({ ok: false, code: 'INVALID_DATE' });
    expect(convertValue('1600-01-01', 'date', day)).toMatchObject({ ok: false, code: 'INVALID_DATE' });
  });

  it('accepts only the values of a restricted picklist, exactly', () => {
    expect(convertValue('Promoter', 'string', category)).toEqual({ ok: true, value: 'Promoter' });
    expect(convertValue('Fan', 'string', category, 'NPS Category')).toEqual({
      ok: false, code: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      reason: '"NPS Category" "Fan" is not one of the values of the restricted picklist Cat__c (Promoter, Passive, Detractor).',
      fix: 'Add "Fan" to the picklist in Salesforce Setup, or map a different column.',
    });
    expect(convertValue('promoter', 'string', category)).toMatchObject({ ok: false });
    expect(convertValue('Anything', 'string', open)).toEqual({ ok: true, value: 'Anything' });
    expect(convertValue('a;b', 'string', multi)).toEqual({ ok: true, value: 'a;b' });
    expect(convertValue('a;c', 'string', multi)).toMatchObject({ ok: false, reason: expect.stringContaining('"c"') });
  });

  it('clears a field with null, but not a required one', () => {
    expect(convertValue(null, 'integer', score)).toEqual({ ok: true, value: null });
    expect(convertValue('', 'string', score)).toEqual({ ok: true, value: null });
    expect(convertValue(null, 'string', required, 'Last name')).toMatchObject({ ok: false, code: 'REQUIRED_FIELD_MISSING', reason: '"Last name" is empty, and LastName is required in Salesforce.' });
  });
});

describe('fieldAccepts', () => {
  it('lets text fields take anything and typed fields only what converts without guessing', () => {
    expect(fieldAccepts(text, 'datetime')).toBe(true);
    expect(fieldAccepts(email, 'integer')).toBe(false);
    expect(fieldAccepts(score, 'boolean')).toBe(false);
    expect(fieldAccepts(score, 'percent')).toBe(true);
    expect(fieldAccepts(flag, 'integer')).toBe(false);
    expect(fieldAccepts(day, 'datetime')).toBe(true);
    expect(fieldAccepts(moment, 'number')).toBe(false);
    expect(fieldAccepts(category, 'date')).toBe(false);
    expect(fieldAccepts(testField({ name: 'OwnerId', type: 'reference' }), 'string')).toBe(false);
  });
});
