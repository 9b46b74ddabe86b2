import type {
  CallbackRejection as CallbackRejectionSchema,
  LedgerVerification as LedgerVerificationSchema,
  ReconItem as ReconItemSchema,
  ReconResolution as ReconResolutionSchema,
  ReconRun as ReconRunSchema,
} from '@quanzi/contracts';

export type {
  ConsoleWalletOrder,
  LedgerAccount,
  LedgerAccountKind,
  StatementLine,
  StatementPage,
  TrialBalance,
  WalletOrderStatus,
} from '@quanzi/contracts';

/** What a contract schema parses to (`z.infer`), for the schemas @quanzi/contracts exports without a type. */
type Parsed<S extends { _output: unknown }> = S['_output'];

export type ReconRun = Parsed<typeof ReconRunSchema>;
export type ReconItem = Parsed<typeof ReconItemSchema>;
export type ReconResolution = Parsed<typeof ReconResolutionSchema>;
export type CallbackRejection = Parsed<typeof CallbackRejectionSchema>;
export type LedgerVerification = Parsed<typeof LedgerVerificationSchema>;
