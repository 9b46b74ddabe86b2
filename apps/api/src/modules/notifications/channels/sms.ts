import { SmsProviderError, type SmsTextProvider } from '../../sms/index.js';
import { ChannelFailure, type ExternalChannel } from './types.js';

/** SMS through the sms module's provider (sandbox outbox or Aliyun), the delivery id as OutId. */
export function createSmsChannel(provider: SmsTextProvider): ExternalChannel {
  return {
    channel: 'sms',
    async deliver(m) {
      if (!m.to) throw new ChannelFailure('NO_PHONE', false);
      try {
        const out = await provider.sendText({
          phone: m.to,
          text: m.smsText,
          templateCode: m.smsTemplateCode,
          templateParam: m.smsTemplateCode ? m.variables : undefined,
          outId: m.deliveryId,
        });
        return { provider: provider.name, providerId: out.providerId, status: 'sent' };
      } catch (err) {
        if (err instanceof SmsProviderError) throw new ChannelFailure(err.code, err.transient, err.message);
        throw new ChannelFailure('SMS_ERROR', true, (err as Error).message);
      }
    },
  };
}
