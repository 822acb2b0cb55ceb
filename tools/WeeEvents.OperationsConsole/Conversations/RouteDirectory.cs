using System.Collections.Concurrent;
using WeeEvents.OperationsConsole.Backends;
using WeeEvents.Operator;

namespace WeeEvents.OperationsConsole.Conversations;

/// <summary>
/// The contract each route of each service consumes, as their <c>GET /operator/routes</c> tell: what a conversation
/// checks its messages against (who is expected to handle each). Routes change only with a deployment, so each service's
/// answer is kept for <see cref="KeptFor"/>, and the last one kept on while a service does not answer.
/// </summary>
public sealed class RouteDirectory(TimeProvider time)
{
    /// <summary>How long a service's routes are used before they are read again.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, (DateTimeOffset ReadAt, RouteContract[] Routes)> _known = new(StringComparer.Ordinal);

    /// <summary>
    /// Every service's routes, read again where older than <see cref="KeptFor"/>. A service whose routes were never read
    /// is named in <paramref name="problems"/> (unless it is already), since the messages its routes consume go unchecked.
    /// </summary>
    public async Task<IReadOnlyList<RouteContract>> ReadAsync(ServiceApi services, IDictionary<string, string> problems, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(problems);
        var now = time.GetUtcNow();
        var names = services.Names;
        var due = names.Where(n => !_known.TryGetValue(n, out var known) || now - known.ReadAt >= KeptFor).ToArray();
        var answers = await Task.WhenAll(due.Select(n => services.RoutesAsync(n, cancellationToken))).ConfigureAwait(false);
        for (var i = 0; i < due.Length; i++)
        {
            if (answers[i].Value is { } routes)
            {
                _known[due[i]] = (now, routes);
            }
            else if (!_known.ContainsKey(due[i]))
            {
                problems.TryAdd(due[i], $"its routes could not be read ({answers[i].Problem}): the messages they consume are not checked");
            }
        }

        return [.. names.SelectMany(n => _known.TryGetValue(n, out var known) ? known.Routes : []).Distinct()];
    }
}
