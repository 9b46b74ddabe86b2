import type { BankBin } from '@quanzi/contracts';

/**
 * Debit-card BINs (first six digits) of the major Chinese banks that the custodian's payment
 * channel supports. Credit cards cannot fund investments, so they are not listed.
 */
const BANKS: Array<{ code: string; name: string; bins: string[] }> = [
  { code: 'ICBC', name: '中国工商银行', bins: ['622202', '622208', '621226', '621225', '622200', '620058'] },
  { code: 'ABC', name: '中国农业银行', bins: ['622848', '622845', '622841', '621282', '622846'] },
  { code: 'BOC', name: '中国银行', bins: ['621661', '621660', '621663', '621785', '621786', '601382'] },
  { code: 'CCB', name: '中国建设银行', bins: ['621700', '622700', '622280', '621284', '436742'] },
  { code: 'BOCOM', name: '交通银行', bins: ['622260', '622262', '601428', '621069'] },
  { code: 'CMB', name: '招商银行', bins: ['622588', '621483', '622609', '621286', '621485'] },
  { code: 'PSBC', name: '中国邮政储蓄银行', bins: ['621799', '622188', '621098', '620062'] },
  { code: 'CITIC', name: '中信银行', bins: ['622690', '622691', '621771', '622998'] },
  { code: 'CEB', name: '中国光大银行', bins: ['622666', '622660', '621489', '622663'] },
  { code: 'HXB', name: '华夏银行', bins: ['622632', '622630', '622631', '623021'] },
  { code: 'CMBC', name: '中国民生银行', bins: ['622622', '622615', '622617', '621691'] },
  { code: 'CGB', name: '广发银行', bins: ['622568', '621462', '622556'] },
  { code: 'PAB', name: '平安银行', bins: ['622155', '622156', '621626', '623058'] },
  { code: 'CIB', name: '兴业银行', bins: ['622909', '622908', '621527'] },
  { code: 'SPDB', name: '上海浦东发展银行', bins: ['622521', '622522', '621792', '622516'] },
];

const BY_BIN = new Map<string, BankBin>(
  BANKS.flatMap((bank) => bank.bins.map((bin) => [bin, { bin, bankCode: bank.code, bankName: bank.name, cardType: 'debit' as const }])),
);

export const lookupBin = (cardNumberOrBin: string): BankBin | undefined => BY_BIN.get(cardNumberOrBin.slice(0, 6));
