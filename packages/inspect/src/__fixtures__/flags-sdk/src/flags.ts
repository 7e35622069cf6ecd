export enum Flags {
  NewCheckout = 'new-checkout',
  BulkExport = 'bulk-export',
}

export const FLAG_KEYS = {
  darkMode: 'dark-mode',
} as const;
