// Accessible names as Chromium computes them (through the DevTools accessibility domain), for
// checking that every visible control on a page is labelled for screen readers.
import type { Page } from 'playwright-core';

/** A visible control and the accessible role and name Chromium gives it. */
export interface NamedControl {
  /** The start of the element's HTML, to find it in a failure message. */
  html: string;
  role: string;
  name: string;
}

/** The controls `controlsOf` looks at: buttons, form fields and anything with a button role. */
const CONTROLS = 'button, input:not([type="hidden"]), select, textarea, [role="button"]';

/** Every visible button, input, select and textarea of the page with its computed role and name. */
export async function controlsOf(page: Page): Promise<NamedControl[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('Accessibility.enable');
    const list = await cdp.send('Runtime.evaluate', {
      expression: `[...document.querySelectorAll(${JSON.stringify(CONTROLS)})].filter((el) => el.checkVisibility({ visibilityProperty: true }))`,
    });
    const arrayId = list.result.objectId;
    if (!arrayId) throw new Error('could not list the controls');
    const props = await cdp.send('Runtime.getProperties', {
      objectId: arrayId,
      ownProperties: true,
    });
    const controls: NamedControl[] = [];
    for (const prop of props.result) {
      const objectId = prop.value?.objectId;
      if (!/^\d+$/.test(prop.name) || !objectId || prop.value?.subtype !== 'node') continue;
      const html = await cdp.send('Runtime.callFunctionOn', {
        objectId,
        functionDeclaration: 'function () { return this.outerHTML.slice(0, 160); }',
        returnByValue: true,
      });
      const tree = await cdp.send('Accessibility.getPartialAXTree', {
        objectId,
        fetchRelatives: false,
      });
      const node = tree.nodes[0];
      controls.push({
        html: String(html.result.value),
        role: String(node?.role?.value ?? ''),
        name: String(node?.name?.value ?? '').trim(),
      });
    }
    return controls;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** The visible controls of the page that have no accessible name, described for a failure message. */
export async function unnamedControls(page: Page): Promise<string[]> {
  return (await controlsOf(page)).filter((c) => c.name === '').map((c) => `${c.role}: ${c.html}`);
}
