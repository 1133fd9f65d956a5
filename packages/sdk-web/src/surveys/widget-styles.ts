/** The widget's look, inside its own shadow root so the site's CSS and the widget's never mix. Themable through `--wm-accent`. */
export const WIDGET_CSS = `
:host { all: initial; }
.box { position: fixed; z-index: 2147483000; bottom: 20px; right: 20px; width: min(380px, calc(100vw - 40px)); box-sizing: border-box;
  background: #fff; color: #1f2933; border-radius: 10px; box-shadow: 0 10px 30px rgba(15, 23, 42, .25); padding: 18px 18px 14px;
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.box.bottom-left { right: auto; left: 20px; }
.box.center { bottom: auto; top: 50%; left: 50%; right: auto; transform: translate(-50%, -50%); }
.box:focus { outline: none; }
.prompt { font-weight: 600; font-size: 15px; margin: 0 28px 12px 0; }
.close { position: absolute; top: 10px; right: 10px; border: 0; background: transparent; font-size: 20px; line-height: 1; cursor: pointer; color: #52606d; padding: 4px 8px; border-radius: 6px; }
.scale { display: flex; gap: 4px; flex-wrap: wrap; }
.scale button { flex: 1 0 26px; min-width: 26px; padding: 8px 0; border: 1px solid #cbd2d9; background: #f5f7fa; border-radius: 6px; cursor: pointer; font: inherit; color: inherit; }
.scale button:hover, .scale button:focus-visible { border-color: var(--wm-accent, #2563eb); background: #e8f0fe; }
.ends { display: flex; justify-content: space-between; font-size: 12px; color: #52606d; margin-top: 6px; }
fieldset { border: 0; margin: 0; padding: 0; }
label.choice { display: flex; gap: 8px; align-items: center; padding: 4px 0; cursor: pointer; }
textarea { width: 100%; box-sizing: border-box; min-height: 80px; font: inherit; padding: 8px; border: 1px solid #cbd2d9; border-radius: 6px; }
.actions { display: flex; justify-content: flex-end; margin-top: 10px; }
.primary { background: var(--wm-accent, #2563eb); color: #fff; border: 0; border-radius: 6px; padding: 8px 14px; font: inherit; font-weight: 600; cursor: pointer; }
:focus-visible { outline: 2px solid var(--wm-accent, #2563eb); outline-offset: 2px; }
.thanks { margin: 4px 28px 4px 0; }
`;
