import type { DeliveryChannel, TouchTopic } from '@quanzi/contracts';

/** What an external channel is asked to deliver (one delivery of one message). */
export interface Outgoing {
  deliveryId: string;
  memberId: string | null;
  topic: TouchTopic;
  marketing: boolean;
  title: string;
  body: string;
  /** An app path; channels that leave the app make it absolute with the public origin. */
  link: string | null;
  smsText: string;
  smsTemplateCode: string | null;
  wechatTemplateId: string | null;
  variables: Record<string, string>;
  /** Where: a phone, an email address, an openid, a robot webhook; push uses the member's subscriptions. */
  to: string | null;
  /** One-click unsubscribe URL for marketing (email headers, push payload). */
  unsubscribeUrl: string | null;
}

export interface Delivered {
  provider: string;
  providerId: string | null;
  /** `sent` = the provider accepted it; `delivered` = it reached the member (in-app, or a receipt). */
  status: 'sent' | 'delivered';
}

/** A refusal: transient ones are retried with backoff; the others fail the delivery (and may fail over). */
export class ChannelFailure extends Error {
  constructor(
    readonly code: string,
    readonly transient: boolean,
    message = code,
  ) {
    super(message);
  }
}

export interface ExternalChannel {
  readonly channel: Exclude<DeliveryChannel, 'in_app'>;
  deliver(message: Outgoing): Promise<Delivered>;
}

/** Classifies an HTTP status from a provider: 408, 429 and 5xx are worth retrying. */
export const transientStatus = (status: number): boolean => status === 408 || status === 429 || status >= 500;
