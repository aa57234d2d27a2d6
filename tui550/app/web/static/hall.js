// The hall page: the served wall, read-only, scaled to the window, reconnecting by itself.
//
// The terminal is textual-serve's script (xterm.js inside). It opens its connection with
// `new WebSocket(...)`; this file runs first and puts HallSocket in WebSocket's place:
// - nothing the terminal sends (keys, sizes, pings) leaves the page;
// - when the server or the network blinks, it says so and connects again, and the
//   server's first message then redraws the whole wall;
// - the terminal is held at the wall's size (the server's, in columns and lines) and
//   the whole of it is scaled to fit the window, from a phone to a projector.
(() => {
  "use strict";

  const wall = document.getElementById("wall");
  const stage = document.getElementById("stage");
  const lost = document.getElementById("lost");
  const columns = Number(wall.dataset.columns);
  const lines = Number(wall.dataset.lines);
  const token = new URLSearchParams(window.location.search).get("token");
  const address = (window.location.protocol === "https:" ? "wss://" : "ws://")
    + window.location.host + "/ws" + (token ? "?token=" + encodeURIComponent(token) : "");

  // A monospace cell is about 0.6 by 1.2 of the font size: drawing the wall near the size
  // it is shown at keeps the letters sharp; the exact fit is made once the terminal is up.
  const fontSize = Math.max(6, Math.min(72, Math.floor(Math.min(
    window.innerWidth / (columns * 0.6), window.innerHeight / (lines * 1.2)))));
  wall.dataset.fontSize = String(fontSize);
  wall.style.width = (columns + 0.5) * fontSize * 0.6 + "px";
  wall.style.height = (lines + 0.5) * fontSize * 1.2 + "px";

  let cell = null; // the terminal's cell in CSS pixels, once known
  let hall = null; // the one HallSocket
  let redraw = false; // the terminal changed size after it was drawn: lines may be lost

  function scaleToWindow() {
    if (!cell) return;
    const width = columns * cell.width, height = lines * cell.height;
    const scale = Math.min(window.innerWidth / width, window.innerHeight / height);
    const left = (window.innerWidth - width * scale) / 2;
    const top = (window.innerHeight - height * scale) / 2;
    stage.style.transform = `translate(${left}px, ${top}px) scale(${scale})`;
    wall.style.clipPath = `inset(0 ${wall.offsetWidth - width}px ${wall.offsetHeight - height}px 0)`;
  }

  // The terminal reports its size in columns and lines whenever it fits itself to its
  // element, and its cell changes size when the font arrives: each time, the element is
  // sized to hold exactly the wall, and the terminal fits itself to it again.
  let reported = null;
  let watching = false;

  function settle() {
    const screen = wall.querySelector(".xterm-screen");
    if (!screen || !reported || !reported.width || !reported.height) return;
    if (!watching) {
      watching = true;
      new ResizeObserver(settle).observe(screen);
    }
    cell = { width: screen.offsetWidth / reported.width, height: screen.offsetHeight / reported.height };
    const width = (columns + 0.5) * cell.width;
    const height = (lines + 0.5) * cell.height;
    const fits = reported.width === columns && reported.height === lines;
    const sized = Math.abs(parseFloat(wall.style.width) - width) < 0.5
      && Math.abs(parseFloat(wall.style.height) - height) < 0.5;
    if (!fits || !sized) {
      redraw = redraw || (!fits && Boolean(hall && hall.drawn));
      wall.style.width = width + "px";
      wall.style.height = height + "px";
      window.dispatchEvent(new Event("resize")); // the terminal fits itself again
      if (!fits) return;
    }
    scaleToWindow();
    if (redraw) {
      redraw = false;
      hall.redraw();
    }
  }

  window.addEventListener("resize", scaleToWindow);

  const NativeSocket = window.WebSocket;
  const QUIET_LIMIT_MS = 25000; // the server sends at least every 10 s

  class HallSocket extends EventTarget {
    constructor() {
      super();
      this.readyState = 0;
      this.binaryType = "arraybuffer";
      this.delay = 500;
      this.heard = Date.now();
      this.socket = null;
      this.drawn = false;
      hall = this;
      // The font changes the cell's size: have it before the first picture if it comes soon.
      document.fonts.load(`${fontSize}px "Roboto Mono"`).finally(() => this.connect());
      setInterval(() => {
        if (this.socket && this.socket.readyState === 1 && Date.now() - this.heard > QUIET_LIMIT_MS) {
          this.socket.close(); // a network gone quiet: connect again
        }
      }, 5000);
    }

    connect() {
      const socket = new NativeSocket(address);
      this.socket = socket;
      socket.binaryType = "arraybuffer";
      socket.addEventListener("open", () => {
        this.delay = 500;
        this.heard = Date.now();
        lost.hidden = true;
        if (this.readyState !== 1) {
          this.readyState = 1;
          this.dispatchEvent(new Event("open"));
        }
      });
      socket.addEventListener("message", (event) => {
        this.heard = Date.now();
        if (typeof event.data !== "string" && event.data.byteLength > 0) {
          this.drawn = true;
          this.dispatchEvent(new MessageEvent("message", { data: event.data }));
        }
      });
      socket.addEventListener("close", () => {
        if (this.socket !== socket) return;
        lost.hidden = false;
        setTimeout(() => this.connect(), this.delay);
        this.delay = Math.min(this.delay * 2, 5000);
      });
    }

    // A new connection starts with the whole screen; the old one goes once it is open.
    redraw() {
      const old = this.socket;
      this.connect();
      this.socket.addEventListener("open", () => old.close(), { once: true });
    }

    send(message) {
      // Read-only by construction: only the terminal's own size is looked at, here.
      try {
        const [kind, size] = JSON.parse(message);
        if (kind === "resize") {
          reported = size;
          settle();
        }
      } catch (error) {
        // not JSON: nothing to look at
      }
    }

    close() {}
  }

  window.WebSocket = HallSocket;
})();
