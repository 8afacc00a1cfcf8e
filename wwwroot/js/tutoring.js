// Small browser helpers for the tutoring page (called from Blazor through JS interop).
window.tutoring = {
  // Keep the newest turn in view after each render.
  scrollToEnd(element) {
    if (element && element.lastElementChild) {
      element.lastElementChild.scrollIntoView({ block: "nearest" });
    }
  },
  // The MathLive field's content as ASCII math (what the evaluator reads), then clear it for the next formula.
  takeMath(field) {
    if (!field || typeof field.getValue !== "function") {
      return "";
    }
    const value = field.getValue("ascii-math");
    field.value = "";
    return value;
  },
};
