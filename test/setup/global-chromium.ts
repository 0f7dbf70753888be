// The browser tests drive Debian's Chromium (or CHROMIUM_PATH). Without it the run stops here
// with one line that says what to install, before anything else is built or started.
import { assertChromium } from '../e2e/browser.ts';

export default function setup(): void {
  try {
    assertChromium();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}
