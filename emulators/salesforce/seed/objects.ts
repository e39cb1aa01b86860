/**
 * The standard objects of the demo org (Account, Contact, Lead) with their usual fields, plus the
 * custom WalkMe fields on Lead that the end-to-end example maps usage data into.
 */
import type { SeedField } from './schema';

const owner: SeedField = { name: 'OwnerId', label: 'Owner ID', type: 'reference', referenceTo: ['User'], relationshipName: 'Owner' };
const leadSource: SeedField = {
  name: 'LeadSource', label: 'Lead Source', type: 'picklist',
  picklistValues: ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'],
};
const industry: SeedField = {
  name: 'Industry', type: 'picklist',
  picklistValues: ['Agriculture', 'Banking', 'Technology', 'Healthcare', 'Retail', 'Manufacturing', 'Transportation', 'Other'],
};

/** Account fields. */
export const ACCOUNT_FIELDS: SeedField[] = [
  { name: 'Name', label: 'Account Name', type: 'string', length: 255, required: true, idLookup: true },
  { name: 'Type', label: 'Account Type', type: 'picklist', picklistValues: ['Prospect', 'Customer - Direct', 'Customer - Channel', 'Partner', 'Other'] },
  industry,
  { name: 'Website', type: 'url', length: 255 },
  { name: 'Phone', label: 'Account Phone', type: 'phone', length: 40 },
  { name: 'NumberOfEmployees', label: 'Employees', type: 'int', precision: 8 },
  { name: 'AnnualRevenue', label: 'Annual Revenue', type: 'currency', precision: 18, scale: 0 },
  owner,
];

/** Contact fields. */
export const CONTACT_FIELDS: SeedField[] = [
  { name: 'FirstName', label: 'First Name', type: 'string', length: 40 },
  { name: 'LastName', label: 'Last Name', type: 'string', length: 80, required: true },
  { name: 'Name', label: 'Full Name', type: 'string', length: 121, calculated: true, formula: '{FirstName} {LastName}' },
  { name: 'Email', type: 'email', length: 80, idLookup: true },
  { name: 'Phone', label: 'Business Phone', type: 'phone', length: 40 },
  { name: 'Title', type: 'string', length: 128 },
  { name: 'AccountId', label: 'Account ID', type: 'reference', referenceTo: ['Account'], relationshipName: 'Account' },
  leadSource,
  owner,
  { name: 'WalkMe_User_Id__c', label: 'WalkMe User Id', type: 'string', length: 64, externalId: true },
  { name: 'WalkMe_Last_Login__c', label: 'WalkMe Last Login', type: 'datetime' },
];

/** Lead fields, including the WalkMe custom fields. */
export const LEAD_FIELDS: SeedField[] = [
  { name: 'FirstName', label: 'First Name', type: 'string', length: 40 },
  { name: 'LastName', label: 'Last Name', type: 'string', length: 80, required: true },
  { name: 'Name', label: 'Full Name', type: 'string', length: 121, calculated: true, formula: '{FirstName} {LastName}' },
  { name: 'Company', type: 'string', length: 255, required: true },
  { name: 'Email', type: 'email', length: 80, idLookup: true },
  { name: 'Phone', type: 'phone', length: 40 },
  { name: 'Title', type: 'string', length: 128 },
  {
    name: 'Status', label: 'Lead Status', type: 'picklist', required: true,
    picklistValues: [
      { value: 'Open - Not Contacted', default: true }, 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted',
    ],
  },
  leadSource,
  industry,
  { name: 'IsConverted', label: 'Converted', type: 'boolean', createable: false, updateable: false },
  { name: 'ConvertedDate', label: 'Converted Date', type: 'date', createable: false, updateable: false },
  { name: 'ConvertedContactId', label: 'Converted Contact ID', type: 'reference', referenceTo: ['Contact'], createable: false, updateable: false },
  { name: 'ConvertedAccountId', label: 'Converted Account ID', type: 'reference', referenceTo: ['Account'], createable: false, updateable: false },
  owner,
  { name: 'WalkMe_User_Id__c', label: 'WalkMe User Id', type: 'string', length: 64, externalId: true },
  { name: 'WalkMe_First_Login__c', label: 'WalkMe First Login', type: 'datetime' },
  { name: 'WalkMe_Last_Login__c', label: 'WalkMe Last Login', type: 'datetime' },
  { name: 'WalkMe_Logins_Last_30_Days__c', label: 'WalkMe Logins (Last 30 Days)', type: 'double', precision: 18, scale: 0 },
  { name: 'WalkMe_NPS_Score__c', label: 'WalkMe NPS Score', type: 'double', precision: 3, scale: 0 },
  {
    name: 'WalkMe_NPS_Category__c', label: 'WalkMe NPS Category', type: 'picklist', restricted: true,
    picklistValues: ['Promoter', 'Passive', 'Detractor'],
  },
  { name: 'WalkMe_Onboarding_Complete__c', label: 'WalkMe Onboarding Complete', type: 'boolean' },
];
