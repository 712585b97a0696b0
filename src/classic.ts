/**
 * The classic-script build's entry: `<script src=".../ringside.iife.js">` defines
 * `<ringside-phone>` and exposes the SDK as `window.Ringside`.
 */
export * from './index.js';
