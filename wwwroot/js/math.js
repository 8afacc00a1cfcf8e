// Typesets the LaTeX that MarkdownRenderer leaves in .math elements, wherever and whenever they appear:
// on a static page, after Blazor's enhanced navigation, or when an interactive component re-renders.
(() => {
  "use strict";

  function typeset(element) {
    if (element.dataset.typeset === element.textContent) {
      return;
    }
    const source = element.textContent.trim();
    const display = source.startsWith("\\[");
    const tex = source.replace(/^\\[([]/, "").replace(/\\[)\]]$/, "");
    try {
      window.katex.render(tex, element, { displayMode: display, throwOnError: false });
    } catch (error) {
      element.classList.add("math-error");
      element.title = String(error);
    }
    // Remember what was typeset so a re-render that puts new LaTeX into the element is typeset again.
    element.dataset.typeset = element.textContent;
  }

  function typesetWithin(root) {
    if (!window.katex || !root.querySelectorAll) {
      return;
    }
    root.querySelectorAll(".math").forEach(typeset);
  }

  function start() {
    typesetWithin(document);
    new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        const target = mutation.target.nodeType === Node.ELEMENT_NODE ? mutation.target : mutation.target.parentElement;
        if (target) {
          typesetWithin(target.closest(".markdown") ?? target);
        }
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
