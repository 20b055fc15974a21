// The reader, "Read the whole story to me": each scene's narration in turn, in one player (phones let
// a page go on playing in the element a tap started), scrolling to the scene being read.
// A scene without a reading yet is asked for one (POST), then its status polled until ready.
(function () {
  "use strict";
  const bar = document.getElementById("read-aloud");
  if (!bar) return;
  const player = bar.querySelector("audio");
  const startButton = bar.querySelector("[data-read-start]");
  const pauseButton = bar.querySelector("[data-read-pause]");
  const status = bar.querySelector("[data-read-status]");
  const scenes = Array.from(document.querySelectorAll(".reader-scene"));
  // Nothing to read and nothing that may be asked for (a shared story without readings): no bar.
  if (!scenes.some((scene) => scene.dataset.narration || scene.dataset.narrationSrc)) return;
  const csrf = (JSON.parse(document.body.getAttribute("hx-headers") || "{}"))["X-CSRFToken"] || "";
  const readings = new Map(); // scene → promise of its narration's URL (or null)
  let paused = false;
  let resumed = null;

  function ask(url, method) {
    return fetch(url, { method, credentials: "same-origin", headers: { Accept: "application/json", "X-CSRFToken": csrf } })
      .then((answer) => (answer.ok ? answer.json() : { status: "failed" }))
      .catch(() => ({ status: "failed" }));
  }

  const pause = (ms) => new Promise((done) => setTimeout(done, ms));

  async function narrationOf(scene) {
    if (scene.dataset.narrationSrc) return scene.dataset.narrationSrc;
    const url = scene.dataset.narration;
    if (!url) return null; // nothing can be asked for here (a shared page): skip the scene
    let answer = await ask(url, "POST");
    while (answer.status === "pending" || answer.status === "generating") {
      await pause(1000);
      answer = await ask(url, "GET");
    }
    return answer.status === "complete" ? answer.url : null;
  }

  function reading(scene) {
    if (!readings.has(scene)) readings.set(scene, narrationOf(scene));
    return readings.get(scene);
  }

  function show(current) {
    scenes.forEach((scene) => scene.classList.toggle("reading", scene === current));
    if (current) current.scrollIntoView({ behavior: "smooth", block: "start" });
  }

  async function untilResumed() {
    while (paused) await new Promise((done) => (resumed = done));
  }

  async function readAll() {
    startButton.hidden = true;
    pauseButton.hidden = false;
    for (const [number, scene] of scenes.entries()) {
      show(scene);
      status.textContent = `Scene ${number + 1} of ${scenes.length}`;
      const src = await reading(scene);
      if (scenes[number + 1]) reading(scenes[number + 1]); // the next one gets ready meanwhile
      if (!src) continue;
      await untilResumed();
      player.src = src;
      const ended = new Promise((done) => player.addEventListener("ended", done, { once: true }));
      try {
        await player.play();
      } catch (error) {
        setPaused(true); // the browser wants a tap first: Resume plays it
      }
      await ended;
    }
    show(null);
    status.textContent = "The End";
    startButton.hidden = false;
    startButton.textContent = "Read it again";
    pauseButton.hidden = true;
  }

  function setPaused(value) {
    paused = value;
    pauseButton.textContent = paused ? "Resume" : "Pause";
    pauseButton.setAttribute("aria-pressed", String(paused));
    if (paused) {
      player.pause();
    } else {
      if (player.src && !player.ended) player.play().catch(() => setPaused(true));
      if (resumed) resumed();
    }
  }

  startButton.addEventListener("click", () => {
    // Unlock the player inside the tap, so later scenes may play without one.
    player.play().catch(() => {});
    setPaused(false);
    readAll();
  });
  pauseButton.addEventListener("click", () => setPaused(!paused));
  bar.hidden = false;
})();
