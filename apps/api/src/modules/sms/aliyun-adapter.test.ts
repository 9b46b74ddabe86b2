import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalQuery, createAliyunSmsProvider, parseAliyunInbound, sendSmsParams, signRpc, SmsProviderError } from './aliyun-adapter.js';

describe('the Aliyun SMS adapter', () => {
  it('signs the request exactly as the example in Aliyun’s documentation (HMAC-SHA1, POP encoding)', () => {
    // The recorded request from Aliyun's SMS API signature document (testId / testSecret).
    const params = {
      AccessKeyId: 'testId',
      Action: 'SendSms',
      Format: 'XML',
      OutId: '123',
      PhoneNumbers: '15300000001',
      RegionId: 'cn-hangzhou',
      SignName: '阿里云短信测试专用',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
      SignatureVersion: '1.0',
      TemplateCode: 'SMS_71390007',
      TemplateParam: '{"customer":"test"}',
      Timestamp: '2017-07-12T02:42:19Z',
      Version: '2017-05-25',
    };
    expect(canonicalQuery(params)).toBe(
      'AccessKeyId=testId&Action=SendSms&Format=XML&OutId=123&PhoneNumbers=15300000001&RegionId=cn-hangzhou' +
        '&SignName=%E9%98%BF%E9%87%8C%E4%BA%91%E7%9F%AD%E4%BF%A1%E6%B5%8B%E8%AF%95%E4%B8%93%E7%94%A8&SignatureMethod=HMAC-SHA1' +
        '&SignatureNonce=45e25e9b-0a6f-4070-8c85-2956eda1b466&SignatureVersion=1.0&TemplateCode=SMS_71390007' +
        '&TemplateParam=%7B%22customer%22%3A%22test%22%7D&Timestamp=2017-07-12T02%3A42%3A19Z&Version=2017-05-25',
    );
    expect(signRpc('GET', params, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
  });

  describe('against a local endpoint standing in for dysmsapi', () => {
    const received: Array<Record<string, string>> = [];
    let reply: { status: number; body: unknown } = { status: 200, body: { Code: 'OK', Message: 'OK', BizId: '900619746936498440^0' } };
    const server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        received.push(Object.fromEntries(new URLSearchParams(raw)));
        res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
      });
    });
    let endpoint = '';
    beforeAll(async () => {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));
    const config = () => ({ accessKeyId: 'LTAIkey', accessKeySecret: 'secret', signName: '圈子', templateCode: 'SMS_1', endpoint });

    it('posts a signed SendSms that verifies on the receiving side, and returns the BizId', async () => {
      const provider = createAliyunSmsProvider(config(), { now: () => new Date('2026-12-01T01:02:03.456Z'), nonce: () => 'n-1' });
      const out = await provider.sendText({
        phone: '13800000001',
        text: '【圈子】你好 回T退订',
        outId: 'delivery-1',
        templateParam: { name: '林晓' },
      });
      expect(out.providerId).toBe('900619746936498440^0');
      const got = received.at(-1)!;
      expect(got).toMatchObject({
        Action: 'SendSms',
        PhoneNumbers: '13800000001',
        SignName: '圈子',
        TemplateCode: 'SMS_1',
        OutId: 'delivery-1',
      });
      expect(got.Timestamp).toBe('2026-12-01T01:02:03Z');
      expect(JSON.parse(got.TemplateParam!)).toEqual({ name: '林晓' });
      const { Signature, ...rest } = got;
      expect(Signature).toBe(signRpc('POST', rest, 'secret'));
      expect(sendSmsParams(config(), { phone: '13800000001', text: 'x', outId: 'o' }, new Date(0), 'n').Signature).toMatch(/=$/);
    });

    it('tells transient refusals (flow control, 5xx) from permanent ones (illegal number) by Aliyun’s code', async () => {
      const provider = createAliyunSmsProvider(config());
      reply = { status: 200, body: { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号' } };
      await expect(provider.sendText({ phone: '1', text: 'x', outId: 'o' })).rejects.toMatchObject({
        code: 'isv.MOBILE_NUMBER_ILLEGAL',
        transient: false,
      });
      reply = { status: 200, body: { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发流控' } };
      await expect(provider.sendText({ phone: '13800000001', text: 'x', outId: 'o' })).rejects.toBeInstanceOf(SmsProviderError);
      await expect(provider.sendText({ phone: '13800000001', text: 'x', outId: 'o' })).rejects.toMatchObject({ transient: true });
      reply = { status: 503, body: {} };
      await expect(provider.sendText({ phone: '13800000001', text: 'x', outId: 'o' })).rejects.toMatchObject({
        code: 'HTTP_503',
        transient: true,
      });
    });
  });

  it('reads Aliyun’s inbound-SMS push', () => {
    expect(
      parseAliyunInbound([
        {
          phone_number: '8613800000001',
          content: 'T',
          send_time: '2026-12-01 10:00:00',
          dest_code: '1',
          sequence_id: 1,
          sign_name: '圈子',
        },
        { nonsense: true },
      ]),
    ).toEqual([{ phone: '13800000001', content: 'T' }]);
    expect(parseAliyunInbound({})).toEqual([]);
  });
});
