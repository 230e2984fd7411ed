// Ad-hoc screenshots (not a test): node e2e/.shots.mjs OUTDIR [names...]
import { readFileSync } from "node:fs";
import { openSite, openPage, showTab, setText } from "./harness.mjs";
const out = process.argv[2];
const only = process.argv.slice(3);
const P = "/tmp/views-pastes/";
const cases = [
  ["default", "default.yaml", ["Scheduling", "Termination", "Start-up", "Environment"]],
  ["rcnodes", "rc-nodes.yaml", ["Scheduling"]],
  ["rc", "rc.yaml", ["Scheduling"]],
  ["rejnodes", "rejected-nodes.yaml", ["Scheduling"]],
  ["term", "termination.yaml", ["Termination", "Start-up"]],
  ["sidecar", "sidecar.yaml", ["Termination", "Start-up", "Environment"]],
  ["env", "env.yaml", ["Environment"]],
  ["envmissing", "env-missing.yaml", ["Environment"]],
  ["rejected", "rejected.yaml", ["Defaults"]],
];
const modes = [
  ["light", "/", { width: 1280, height: 800 }],
  ["dark", "/?theme=dark", { width: 1280, height: 800 }],
  ["phone", "/", { width: 390, height: 844 }],
];
const site = await openSite();
try {
  for (const [mode, path, viewport] of modes) {
    if (only.length && !only.includes(mode) && !only.some((o) => o.startsWith(mode + ":"))) continue;
    const { page, context } = await openPage(site, path, { viewport, reducedMotion: "reduce" });
    for (const [name, file, tabs] of cases) {
      if (only.length && !only.includes(mode) && !only.includes(mode + ":" + name)) continue;
      await setText(page, readFileSync(P + file, "utf8"));
      for (const tab of tabs) {
        const present = await page.getByRole("tab", { name: tab }).count();
        if (!present) { console.log("no tab", name, tab); continue; }
        await showTab(page, tab);
        await page.waitForTimeout(200);
        const shot = `${out}/${mode}-${name}-${tab.toLowerCase()}.png`;
        await page.locator(".pane.right").screenshot({ path: shot });
        console.log(shot);
      }
    }
    await context.close();
  }
} finally {
  await site.close();
}
