// The part of ua-parser-js 1.0's API we use (the 1.0 line is MIT; it ships no types of its own).
declare module 'ua-parser-js' {
  interface Named {
    name?: string;
    version?: string;
  }
  interface Result {
    ua: string;
    browser: Named & { major?: string };
    os: Named;
    device: { vendor?: string; model?: string; type?: string };
  }
  export default class UAParser {
    constructor(ua?: string);
    getResult(): Result;
  }
}
