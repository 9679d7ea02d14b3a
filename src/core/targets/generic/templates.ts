import type { TargetTemplate } from '../types';

/** Templates for endpoints ccmacro has no target of their own for yet: a Salesforce case, any JSON API. */
export const GENERIC_TEMPLATES: readonly TargetTemplate[] = [
  {
    kind: 'salesforce',
    label: 'Salesforce case',
    description: 'Open a Salesforce case for the feedback',
    comment: [
      'Opens a Salesforce case for the feedback. Change the instance URL to yours.',
      'Set SALESFORCE_ACCESS_TOKEN with "ccmacro: Set Secret".',
    ],
    statesTarget: false,
    request: {
      method: 'POST',
      url: 'https://yourcompany.my.salesforce.com/services/data/v60.0/sobjects/Case',
      headers: {
        'Content-Type': 'application/json',
        Authorization: 'Bearer ${secret:SALESFORCE_ACCESS_TOKEN}',
      },
      bodyFormat: 'json',
      body: {
        Subject: '[((Project Name))] ((Title))',
        Description:
          '((Description))\n\nSeverity: ((Severity))\nCentercode feedback #((Feedback ID)): ((Feedback URL))',
        Origin: 'Centercode',
        Status: 'New',
        SuppliedName: '((Submitter Name))',
      },
    },
    returnValues: { id: 'Salesforce Case ID' },
    snippet: {
      description: 'A feedback macro that opens a Salesforce case and saves its ID back on the feedback',
      body: {
        version: 1,
        name: '${1:Open Salesforce case}',
        scope: 'feedback',
        feedbackTypes: ['Issue'],
        triggers: ['${2|manual,submit,modify|}'],
        request: {
          method: 'POST',
          url: 'https://${3:yourcompany}.my.salesforce.com/services/data/v60.0/sobjects/Case',
          headers: {
            'Content-Type': 'application/json',
            Authorization: '^"Bearer \\${secret:SALESFORCE_ACCESS_TOKEN}"',
          },
          body: {
            Subject: '[((Project Name))] ((Title))',
            Description:
              '((Description))\n\nSeverity: ((Severity))\nCentercode feedback #((Feedback ID)): ((Feedback URL))',
            Origin: 'Centercode',
            Status: 'New',
          },
        },
        returnValues: { id: '${4:Salesforce Case ID}' },
      },
    },
  },
  {
    kind: 'generic',
    label: 'Generic JSON webhook',
    description: 'POST the feedback as JSON to any HTTPS endpoint',
    comment: ['Sends the feedback as JSON to your endpoint. Change the URL; set API_TOKEN with "ccmacro: Set Secret".'],
    statesTarget: false,
    request: {
      method: 'POST',
      url: 'https://example.com/hooks/centercode',
      headers: {
        'Content-Type': 'application/json',
        Authorization: 'Bearer ${secret:API_TOKEN}',
      },
      bodyFormat: 'json',
      body: {
        id: '((Feedback ID))',
        title: '((Title))',
        description: '((Description))',
        severity: '((Severity))',
        submitter: '((Submitter Name))',
        url: '((Feedback URL))',
        project: '((Project Name))',
      },
    },
    snippet: {
      description: 'A feedback macro that POSTs feedback fields as JSON',
      body: {
        version: 1,
        name: '${1:Send feedback to my service}',
        scope: 'feedback',
        triggers: ['${2|submit,manual,modify|}'],
        request: {
          method: 'POST',
          url: '${3:https://api.example.com/centercode}',
          headers: { 'Content-Type': 'application/json' },
          body: { id: '((Feedback ID))', title: '((Title))', url: '((Feedback URL))' },
        },
      },
    },
  },
];
