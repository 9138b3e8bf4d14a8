/** The Switchboard server's base URL, set by dev.ts (Vite `define`). */
declare const __SWITCHBOARD_URL__: string;
