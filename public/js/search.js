// Search page only: Pagefind's default UI, started with the query from ?q= so that the
// header search box and shared links land on results.
window.addEventListener("DOMContentLoaded", () => {
  const ui = new PagefindUI({
    element: "#search",
    bundlePath: document.querySelector("#search").dataset.bundle,
    showSubResults: false,
    showImages: false,
    resetStyles: false,
    translations: { placeholder: "Search articles" },
  });
  // Pagefind's input has only a placeholder; give it an accessible name.
  document.querySelector("#search input")?.setAttribute("aria-label", "Search articles");
  const query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
});
