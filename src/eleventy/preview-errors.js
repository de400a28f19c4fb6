// Preview only (npm start): shows a build error over the page the moment the preview server
// reports one (a template mistake, say), instead of leaving it in the browser console. The
// preview's server answers it at /.gazette/preview-errors.js (see preview-server.ts); it is
// never copied into any output folder, and production pages never load it.
const socket = new WebSocket(`${location.protocol.replace("http", "ws")}//${location.host}`);
socket.addEventListener("message", (event) => {
  let data;
  try {
    data = JSON.parse(event.data);
  } catch {
    return;
  }
  if (data.type !== "eleventy.error") return;
  let message = "The preview could not be rebuilt.";
  try {
    message = JSON.parse(data.error).message || message;
  } catch {
    // keep the generic message
  }
  document.getElementById("preview-build-error")?.remove();
  const box = document.createElement("aside");
  box.id = "preview-build-error";
  box.className = "preview-problems";
  box.setAttribute("role", "alert");
  const title = document.createElement("h2");
  title.textContent = "The preview could not be rebuilt";
  const hint = document.createElement("p");
  hint.textContent = "This page is the last good version. Fix the problem below and the page reloads.";
  const text = document.createElement("pre");
  text.textContent = message;
  box.append(title, hint, text);
  document.body.prepend(box);
});
