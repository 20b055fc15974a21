// The share box's Copy buttons. Without JavaScript they stay hidden and the link is plain
// text to select. The clipboard API needs a secure context (https, or this machine); on a
// home network over plain http the old copy command does it.
(function () {
  "use strict";
  for (const button of document.querySelectorAll("[data-copy]")) {
    const field = document.getElementById(button.dataset.copy);
    if (!field) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      let copied = false;
      try {
        await navigator.clipboard.writeText(field.value);
        copied = true;
      } catch {
        field.select();
        copied = document.execCommand("copy");
      }
      button.textContent = copied ? "Copied" : "Selected: copy it";
      button.classList.toggle("copied", copied);
      setTimeout(() => { button.textContent = "Copy"; button.classList.remove("copied"); }, 2500);
    });
  }
})();
