/**
 * The vocabulary a demo audience recognises: RPA processes of finance, supply chain and HR
 * back offices, the variants their jobs run in, schedules and settings.
 */
export interface ProcessTemplate {
  name: string;
  description: string;
  variants: string[];
  /** The process's `type`: the back office it serves. */
  category: string;
  /** Input parameters of the process, shown when it is read in full. */
  parameters: string[];
}

export const processes: ProcessTemplate[] = [
  {
    name: 'Invoice Processing',
    category: 'Finance',
    parameters: ['company', 'period'],
    description: 'Reads supplier invoices from the shared inbox, matches them to purchase orders and books them in the ERP.',
    variants: ['Daily', 'EU Suppliers', 'US Suppliers', 'Month End'],
  },
  {
    name: 'Order Sync',
    category: 'Sales',
    parameters: ['region', 'since'],
    description: 'Copies new web shop orders into sales orders and confirms them to the customer.',
    variants: ['Web Shop', 'EDI Partners', 'Marketplace', 'Hourly'],
  },
  {
    name: 'Vendor Onboarding',
    category: 'Procurement',
    parameters: ['supplier_group', 'threshold_days'],
    description: 'Creates new vendors from approved onboarding forms, checks tax numbers and sets payment terms.',
    variants: ['Standard', 'Contractors', 'Foreign Vendors'],
  },
  {
    name: 'Bank Statement Reconciliation',
    category: 'Finance',
    parameters: ['company', 'period'],
    description: 'Downloads bank statements and matches each line to open receivables and payables.',
    variants: ['Daily', 'EUR Accounts', 'USD Accounts'],
  },
  {
    name: 'Purchase Order Approval Reminder',
    category: 'Procurement',
    parameters: ['supplier_group', 'threshold_days'],
    description: 'Finds purchase orders waiting for approval for more than two days and reminds the approvers.',
    variants: ['Morning', 'Escalation'],
  },
  {
    name: 'Employee Onboarding',
    category: 'Human Resources',
    parameters: ['site', 'start_date'],
    description: 'Creates accounts, assigns equipment requests and schedules the first-day sessions for new hires.',
    variants: ['Office Staff', 'Warehouse Staff', 'Interns'],
  },
  {
    name: 'Payroll Data Export',
    category: 'Human Resources',
    parameters: ['site', 'start_date'],
    description: 'Collects approved time sheets and exports them to the payroll provider.',
    variants: ['Biweekly', 'Monthly'],
  },
  {
    name: 'Inventory Level Check',
    category: 'Supply Chain',
    parameters: ['warehouse', 'carrier'],
    description: 'Compares stock levels with reorder points and raises purchase requisitions where stock runs low.',
    variants: ['Main Warehouse', 'Regional DCs', 'Spare Parts'],
  },
  {
    name: 'Shipment Tracking Update',
    category: 'Supply Chain',
    parameters: ['warehouse', 'carrier'],
    description: 'Reads carrier tracking pages and updates the delivery status of open shipments.',
    variants: ['Parcel', 'Freight', 'Hourly'],
  },
  {
    name: 'Customer Credit Check',
    category: 'Finance',
    parameters: ['company', 'period'],
    description: 'Retrieves credit ratings for new customers and sets their credit limits.',
    variants: ['New Customers', 'Annual Review'],
  },
  {
    name: 'Expense Report Audit',
    category: 'Finance',
    parameters: ['company', 'period'],
    description: 'Checks submitted expense reports against the travel policy and flags exceptions.',
    variants: ['Weekly', 'Executives'],
  },
  {
    name: 'Sales Report Distribution',
    category: 'Sales',
    parameters: ['region', 'since'],
    description: 'Builds the sales dashboards as PDF files and mails them to the regional managers.',
    variants: ['Weekly', 'Monthly', 'Quarter End'],
  },
  {
    name: 'Price List Update',
    category: 'Procurement',
    parameters: ['supplier_group', 'threshold_days'],
    description: 'Imports supplier price lists and updates purchase prices of the affected items.',
    variants: ['Quarterly', 'Ad Hoc'],
  },
  {
    name: 'Goods Receipt Posting',
    category: 'Supply Chain',
    parameters: ['warehouse', 'carrier'],
    description: 'Posts goods receipts from scanned delivery notes against open purchase orders.',
    variants: ['Main Warehouse', 'Returns'],
  },
  {
    name: 'Customer Master Data Cleanup',
    category: 'Sales',
    parameters: ['region', 'since'],
    description: 'Finds duplicate and incomplete customer records and proposes merges.',
    variants: ['Weekly', 'Full Run'],
  },
  {
    name: 'Tax Report Preparation',
    category: 'Finance',
    parameters: ['company', 'period'],
    description: 'Collects VAT transactions per country and prepares the periodic tax returns.',
    variants: ['Monthly', 'Quarterly'],
  },
];

export interface ScheduleTemplate {
  cron_expression: string;
  timezone: string;
}

/** Schedules run at most hourly, so a running mock's data changes slowly (see README, Clock). */
export const schedules: ScheduleTemplate[] = [
  { cron_expression: '0 6 * * 1-5', timezone: 'Europe/Amsterdam' },
  { cron_expression: '30 7 * * 1-5', timezone: 'America/New_York' },
  { cron_expression: '0 * * * *', timezone: 'UTC' },
  { cron_expression: '15 */2 * * *', timezone: 'UTC' },
  { cron_expression: '0 22 * * *', timezone: 'Europe/Berlin' },
  { cron_expression: '0 2 * * 0', timezone: 'UTC' },
  { cron_expression: '0 8 1 * *', timezone: 'Europe/London' },
  { cron_expression: '45 5 * * 1', timezone: 'America/Chicago' },
  { cron_expression: '0 12 * * 1-5', timezone: 'Asia/Singapore' },
  { cron_expression: '0 18 * * 5', timezone: 'Australia/Sydney' },
  { cron_expression: '0 4 * * *', timezone: 'UTC' },
  { cron_expression: '30 9 15 * *', timezone: 'Europe/Paris' },
];

export interface PreferenceTemplate {
  key: string;
  values: string[];
  description: string;
}

export const preferences: PreferenceTemplate[] = [
  { key: 'retry_count', values: ['0', '1', '2', '3'], description: 'How often a failed run is retried.' },
  { key: 'timeout_minutes', values: ['15', '30', '60', '120'], description: 'Time after which a run is stopped.' },
  { key: 'screenshot_on_error', values: ['true', 'false'], description: 'Whether the robot saves a screenshot when a step fails.' },
  {
    key: 'notify_on_failure',
    values: ['rpa-team@example.com', 'finance-ops@example.org', 'it-support@example.net'],
    description: 'Who is mailed when a run fails.',
  },
  { key: 'log_level', values: ['info', 'debug', 'warning'], description: 'Detail of the run log.' },
  {
    key: 'input_folder',
    values: ['/inbox', '/shared/finance/incoming', '/edi/in', '/scans/pending'],
    description: 'Folder the robot reads its input files from.',
  },
  {
    key: 'output_folder',
    values: ['/outbox', '/shared/finance/processed', '/archive'],
    description: 'Folder the robot writes its results to.',
  },
  { key: 'batch_size', values: ['25', '50', '100', '250'], description: 'Number of records handled per transaction.' },
  { key: 'business_hours_only', values: ['true', 'false'], description: 'Whether runs wait for business hours.' },
];

export const robotNames = ['Finance', 'Procurement', 'Logistics', 'HR', 'Sales', 'Warehouse', 'Treasury', 'Service'];
export const deviceSites = ['AMS', 'NYC', 'CHI', 'LON', 'SIN', 'SYD', 'FRA', 'PAR'];
export const emailDomains = ['example.com', 'example.org', 'example.net'];
export const rpaRoles = ['RPA-Admin', 'RPA-Process_Admin', 'RPA-User'] as const;
