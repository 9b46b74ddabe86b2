export {
  createWechatPayGateway,
  WechatPayRefusedError,
  parseFundFlowPayouts,
  fromOutNo,
  toOutNo,
  NOTIFY_PARAMS,
  parseTradeBill,
  type WechatPayGateway,
  type JsapiPayParams,
  type WechatPayCredentials,
  type WechatPayEvent,
  type RefundEvent,
  type NotificationCheck,
  type NotificationRefusal,
} from './gateway.js';
export { createNonceStore, type NonceStore } from './nonces.js';
export { wechatPayFromEnv, sandboxApiV3Key } from './config.js';
