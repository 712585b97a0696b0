/**
 * The classic-script build of the AgentDesktop compatibility (`dist/sdk/agentdesktop.iife.js`):
 * `<script src=".../agentdesktop.iife.js">` after the Ringside SDK gives the page the global
 * `AGENTDESKTOP` of the AgentDesktop Widget SDK document, served by the page's `<ringside-phone>`.
 */
import { createAgentDesktop, type AgentDesktopApi } from './agentdesktop.js';

declare global {
  interface Window {
    AGENTDESKTOP?: AgentDesktopApi;
  }
}

// A second copy of the script keeps the first (and the callbacks bound to it).
window.AGENTDESKTOP ??= createAgentDesktop(document);
