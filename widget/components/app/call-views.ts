/**
 * The views of a call under way, in one chunk loaded with the first call (ringing or dialled):
 * the first load of the phone carries only what it needs to log in, register and ring.
 */
import '../active-call/active-call.js';
import '../lines/lines.js';
