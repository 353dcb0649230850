// The elements' shared look, themed through CSS custom properties (set them on the element or
// any ancestor) and open to page CSS through ::part(). Colours pass WCAG AA contrast on the
// default light background; dark pages set --et-bg / --et-fg.
const CSS = `
:host { display: block; font: var(--et-font, 14px/1.4 system-ui, sans-serif); color: var(--et-fg, #1b1f24);
  --_ok: var(--et-ok, #1a7f37); --_warning: var(--et-warning, #9a6700); --_exceeded: var(--et-exceeded, #cf222e);
  --_muted: var(--et-muted, #57606a); --_accent: var(--et-accent, #0969da); --_radius: var(--et-radius, 8px);
  --_border: var(--et-border, #d0d7de); --_bg: var(--et-bg, #ffffff); }
:host([hidden]) { display: none; }
[part~=body] { background: var(--_bg); border: 1px solid var(--_border); border-radius: var(--_radius); padding: 12px 14px; }
h3, [part~=label] { margin: 0 0 4px; font-size: 0.95em; font-weight: 600; }
small, .muted { color: var(--_muted); }
[part~=bar] { height: 8px; background: var(--et-track, #eaeef2); border-radius: 4px; overflow: hidden; margin: 4px 0; }
[part~=fill] { height: 100%; background: var(--_ok); border-radius: 4px; }
.warning [part~=fill] { background: var(--_warning); }
.exceeded [part~=fill] { background: var(--_exceeded); }
.status-ok { color: var(--_ok); } .status-warning { color: var(--_warning); } .status-exceeded { color: var(--_exceeded); }
.row { margin: 8px 0; }
[part~=value] { font-size: 1.8em; font-weight: 650; }
.up { color: var(--_ok); } .down { color: var(--_exceeded); } .flat { color: var(--_muted); }
button { font: inherit; padding: 5px 12px; border-radius: 6px; border: 1px solid var(--_border); background: var(--_bg);
  color: var(--et-fg, #1b1f24); cursor: pointer; }
button.primary { background: var(--_accent); border-color: var(--_accent); color: #fff; }
button:focus-visible, input:focus-visible, select:focus-visible, [part~=dropzone]:focus-visible { outline: 2px solid var(--_accent); outline-offset: 2px; }
button[disabled] { opacity: 0.55; cursor: default; }
[part~=dropzone] { border: 2px dashed var(--_border); border-radius: var(--_radius); padding: 18px; text-align: center; cursor: pointer; }
[part~=dropzone].over { border-color: var(--_accent); background: #f6f8fa; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; margin: 6px 0; }
th, td { border-bottom: 1px solid var(--_border); padding: 3px 6px; text-align: left; vertical-align: top; }
progress { width: 100%; }
[part~=error], .error { color: var(--_exceeded); }
ul { margin: 4px 0; padding-left: 18px; }
`;

/** A <style> element with the shared rules, one per shadow root. */
export function styleSheet() {
  const style = document.createElement('style');
  style.textContent = CSS;
  return style;
}
