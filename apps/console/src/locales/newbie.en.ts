import type newbieZhCN from './newbie.zh-CN';

/** The newbie journey's console pages in English (same shape as newbie.zh-CN.ts). */
const newbieEn: typeof newbieZhCN = {
  newbie: {
    guide: {
      add: 'New entry',
      edit: 'Edit',
      delete: 'Delete',
      confirmDelete: 'Delete this entry? Members will no longer see it.',
      publish: 'Publish',
      unpublish: 'Unpublish',
      allKinds: 'All kinds',
      kindLabel: 'Kind',
      kind: { step: 'Step', article: 'FAQ', privilege: 'Privilege' },
      position: 'Order',
      title: 'Title',
      body: 'Text',
      titleRequired: 'Enter a title',
      bodyRequired: 'Enter the text',
      status: 'Status',
      statuses: { draft: 'Draft', published: 'Published' },
      source: 'Source',
      sources: { editorial: 'Editorial', customer_service: 'Customer service top question' },
      sourceRef: 'Source reference (optional, e.g. the question id)',
      updatedAt: 'Updated',
      empty: 'No guide entries yet',
      draftHint: 'New entries are drafts: members see them once published. Every edit is audited.',
    },
    tasks: {
      hint: 'A task gives the points configured when it completes, once per member; a disabled task gives none; rewards already granted are not changed.',
      task: 'Task',
      codes: {
        register: 'Register',
        real_name: 'Verify name',
        bind_card: 'Add a bank card',
        first_invest: 'First investment',
        repeat_invest: 'Invest again',
      },
      points: 'Points',
      enabled: 'On',
      completions: 'Completed by',
      updated: 'Last change',
      save: 'Save',
    },
  },
};
export default newbieEn;
