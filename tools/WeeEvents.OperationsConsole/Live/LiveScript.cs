namespace WeeEvents.OperationsConsole.Live;

/// <summary>
/// The console's one script, served as it is (no build step): a page's live parts (elements with <c>data-live</c>, each
/// with an id) are read again every few seconds from the same address and swapped in place, while the tab is visible.
/// The server renders everything; without the script a page is simply as it was when loaded.
/// </summary>
public static class LiveScript
{
    /// <summary>Where the script is served.</summary>
    public const string Path = "/live.js";

    private const string Source = """
        // Re-reads this page every few seconds and swaps its live parts ([data-live] with an id) in place.
        (() => {
          const parts = () => Array.from(document.querySelectorAll('[data-live][id]'));
          if (parts().length === 0) return;
          const every = (Number(parts()[0].dataset.live) || 5) * 1000;
          const stamp = (text) => { const s = document.getElementById('live-stamp'); if (s) s.textContent = text; };
          const tick = async () => {
            if (!document.hidden) {
              try {
                const response = await fetch(location.href, { credentials: 'same-origin', redirect: 'manual' });
                if (!response.ok) throw new Error(response.status ? 'HTTP ' + response.status : 'signed out');
                const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
                for (const part of parts()) {
                  const next = fresh.getElementById(part.id);
                  if (next) part.replaceWith(document.importNode(next, true));
                }
                stamp('updated ' + new Date().toLocaleTimeString());
              } catch (e) {
                stamp('not updating: ' + e.message);
              }
            }
            setTimeout(tick, every);
          };
          setTimeout(tick, every);
        })();
        """;

    /// <summary>Maps <c>GET /live.js</c>.</summary>
    public static IEndpointRouteBuilder MapLiveScript(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, () => Results.Text(Source, "text/javascript; charset=utf-8"));
        return endpoints;
    }
}
