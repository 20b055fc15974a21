// The scene page's live parts in the browser, as the socket (or, without one, polling) swaps
// them in by their ids.
(function () {
  "use strict";
  if (!document.querySelector("article.scene")) return;

  // A reading that arrives while the page is open (after "Read to me", or in a story read
  // aloud throughout) starts playing; one already there when the page loaded waits for a
  // press. The socket's first message repeats every part as it is, so "arrives" means: there
  // was no player in #scene-audio before.
  const playerNow = () => document.querySelector("#scene-audio audio");
  let hadPlayer = Boolean(playerNow());

  function playArrival() {
    const player = playerNow();
    // A refused play (the browser's autoplay policy) leaves the player waiting for a press.
    if (player && !hadPlayer) player.play().catch(() => {});
    hadPlayer = Boolean(player);
  }
  document.addEventListener("htmx:afterSwap", playArrival); // polling
  document.addEventListener("htmx:oobAfterSwap", playArrival); // the socket

  // A player sent again as it is (the socket's first message, after a page load or a dropped
  // connection, repeats every part) stays where it is, so what it is playing plays on; a new
  // file (a reading just made, a clip retried) replaces it.
  document.addEventListener("htmx:oobBeforeSwap", (event) => {
    const shown = event.detail.target.querySelector("audio, video");
    const sent = event.detail.fragment.querySelector("audio, video");
    if (shown && sent && shown.getAttribute("src") === sent.getAttribute("src")) event.detail.shouldSwap = false;
  });
})();
