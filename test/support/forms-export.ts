/** The columns a Microsoft Forms export opens with, before one column per question. */
export const FORMS_EXPORT_META_HEADERS = [
  'ID',
  'Start time',
  'Completion time',
  'Email',
  'Name',
  'Last modified time',
];
