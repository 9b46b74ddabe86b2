/** Masks shown on screens and written to logs; the full value needs `pii.reveal` and is audited. */

export const maskPhone = (phone: string): string => (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****');

export const maskIdNumber = (id: string): string => (id.length >= 8 ? `${id.slice(0, 3)}***********${id.slice(-4)}` : '****');

/** `6222 **** **** 1234`: bank prefix and last four, as Chinese banking apps show it. */
export const maskCard = (card: string): string => `${card.slice(0, 4)} **** **** ${card.slice(-4)}`;

/** 张三 → 张*, 欧阳娜娜 → 欧***: the family name stays so a member recognises their own. */
export const maskName = (name: string): string => {
  const chars = [...name];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
};

/** 203.0.113.42 → 203.0.*.*; IPv6 keeps the first two groups. */
export const maskIp = (ip: string | null): string | null => {
  if (!ip) return null;
  if (ip.includes('.')) {
    const parts = ip.replace(/^::ffff:/, '').split('.');
    return `${parts[0]}.${parts[1]}.*.*`;
  }
  return ip.split(':').slice(0, 2).join(':') + ':*';
};
