import type { Tx } from '../../platform/db/connect.js';

export interface SmsMessage {
  phone: string;
  purpose: string;
  content: string;
}

/**
 * Where text messages leave the platform. Real providers (Aliyun, Tencent Cloud SMS) implement
 * this behind the same interface; they should enqueue delivery so it happens after commit.
 */
export interface SmsChannel {
  readonly name: string;
  send(trx: Tx, message: SmsMessage): Promise<void>;
}
