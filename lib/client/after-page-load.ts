const wakeEvents = ["pointerdown", "keydown", "touchstart", "scroll"] as const;

/**
 * Runs `start` once: on the person's first interaction, or `delayMs` after the page's load
 * event, whichever comes first; returns a cancel. For heavy code no first paint needs (the MQTT
 * client is ~100 KB gzip): loading it at idle put it inside the page-load window, where a
 * phone's CPU is busiest and Lighthouse counts it.
 */
export function afterPageLoad(start: () => void, delayMs = 5_000): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const detach = () => {
    for (const type of wakeEvents) window.removeEventListener(type, fire, true);
    window.removeEventListener("load", wait);
    clearTimeout(timer);
  };
  function fire() {
    detach();
    start();
  }
  function wait() {
    timer = setTimeout(fire, delayMs);
  }
  for (const type of wakeEvents)
    window.addEventListener(type, fire, { capture: true, passive: true });
  if (document.readyState === "complete") wait();
  else window.addEventListener("load", wait, { once: true });
  return detach;
}
