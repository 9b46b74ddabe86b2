export type {
  Campaign as CampaignT,
  CampaignDetail as CampaignDetailT,
  CampaignGrant as CampaignGrantT,
  CampaignPreview as CampaignPreviewT,
  CampaignDefinitionInput as Definition,
  CampaignEffect,
  CampaignCondition,
} from '@quanzi/contracts';

export const TRIGGERS = [
  'registered',
  'real_name_verified',
  'card_bound',
  'first_investment',
  'investment',
  'redemption',
  'referral_converted',
  'checked_in',
  'answer_accepted',
  'live_attended',
  'group_joined',
  'lottery_prize',
] as const;
export const CONDITION_KINDS = [
  'amount_min',
  'amount_max',
  'product',
  'member_level',
  'suitability',
  'registration_channel',
  'time_window',
  'first_time',
  'group_member',
] as const;
export const EFFECT_KINDS = ['points', 'red_packet', 'experience', 'coupon', 'badge', 'notification', 'lottery_chances'] as const;
