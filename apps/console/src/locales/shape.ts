/** The same keys as the zh-CN messages, each a string: what every other language must provide. */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
