// Keyboard guard for the course's widgets (shipped inside the cmo-course package; no CDN).
//
// JupyterLab runs its notebook shortcuts (ArrowDown, b, d d, ...) for key presses on a focused input
// inside a cell's output. Lumino skips a shortcut when, walking up from the key press's target, it
// meets an element carrying data-lm-suppress-shortcuts before one that matches the shortcut's
// selector; the command-mode selectors match the focused element itself, so the attribute must sit
// on every focusable control. ipywidgets cannot set attributes, so this tiny widget, placed first in
// a course widget's box, marks the box and every control in it (also those drawn later): quiz
// options, buttons and form fields then keep every key press. It also names each set of radio
// buttons as one group (the browser moves between radio buttons with the arrow keys only within a
// named group).
const ATTRIBUTE = "data-lm-suppress-shortcuts";
let groups = 0;

function guardedBox(el) {
  // The box this guard sits in; in JupyterLab, the whole output that shows it.
  return el.closest(".jp-OutputArea-output") || el.parentElement;
}

const CONTROLS = "input, select, textarea, button, [tabindex], [contenteditable]";

function guardControls(box) {
  for (const control of box.querySelectorAll(CONTROLS)) {
    if (!control.hasAttribute(ATTRIBUTE)) control.setAttribute(ATTRIBUTE, "true");
  }
  nameRadioGroups(box);
}

function nameRadioGroups(box) {
  for (const group of box.querySelectorAll(".widget-radio-box")) {
    const radios = group.querySelectorAll('input[type="radio"]');
    if (!radios.length || radios[0].name) continue;
    const name = `cmo-radio-group-${++groups}`;
    radios.forEach((radio) => { radio.name = name; });
  }
}

function render({ el }) {
  el.classList.add("cmo-keyboard-guard");
  el.setAttribute(ATTRIBUTE, "true");
  let marked = null;
  let observer = null;
  let frames = 0;
  const mark = () => {
    if (!el.isConnected) {
      if (frames++ < 600) requestAnimationFrame(mark); // attached a moment after render
      return;
    }
    marked = guardedBox(el);
    if (!marked) return;
    marked.setAttribute(ATTRIBUTE, "true");
    guardControls(marked);
    observer = new MutationObserver(() => guardControls(marked)); // controls drawn later
    observer.observe(marked, { childList: true, subtree: true });
  };
  mark();
  return () => {
    if (observer) observer.disconnect();
    if (marked) marked.removeAttribute(ATTRIBUTE);
  };
}

export default { render };
