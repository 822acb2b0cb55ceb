using WeeEvents.OperationsConsole.Backends;
using WeeEvents.OperationsConsole.Failed;
using WeeEvents.Operator;
using WeeEvents.ParkedMessages;

namespace WeeEvents.OperationsConsole.Conversations;

/// <summary>
/// Reads a conversation from every service in two rounds: by the id asked for (an order id finds the order's streams,
/// a correlation id its events), then by the correlation ids found and every event id as a message id, so each
/// service's inbox says which of the others' messages it handled; and checks each message sent against the routes that
/// consume its contract (<see cref="RouteDirectory"/>).
/// </summary>
public sealed class ConversationReader(ServiceApi services, ParkedInventory parked, RouteDirectory directory)
{
    /// <summary>The conversation of <paramref name="id"/>.</summary>
    public async Task<Conversation> ReadAsync(string id, CancellationToken cancellationToken)
    {
        var names = services.Names;
        var first = await AskAllAsync(names, [id], [], cancellationToken).ConfigureAwait(false);
        var ids = first.Parts.Values.SelectMany(p => p.Events).Select(e => e.CorrelationId).OfType<string>()
            .Prepend(id).Distinct(StringComparer.Ordinal).Take(20).ToArray();
        var eventIds = first.Parts.Values.SelectMany(p => p.Events).Select(e => e.EventId).Distinct().ToArray();
        var second = await AskAllAsync(names, ids, eventIds, cancellationToken).ConfigureAwait(false);
        ParkedMessage[] parkedNow;
        try
        {
            parkedNow = [.. (await parked.ReadAsync(cancellationToken).ConfigureAwait(false)).Messages
                .Where(m => m.CorrelationId is not null && ids.Contains(m.CorrelationId, StringComparer.OrdinalIgnoreCase))];
        }
        catch (Exception e) when (e is HttpRequestException or RabbitMQ.Client.Exceptions.BrokerUnreachableException or InvalidOperationException)
        {
            // No broker to read (the demo's in-memory bus, or it is down): the conversation is still told from the services.
            parkedNow = [];
            second.Problems["broker"] = e.Message;
        }

        var routes = await directory.ReadAsync(services, second.Problems, cancellationToken).ConfigureAwait(false);
        return Conversation.From(ids, second.Parts, parkedNow, routes, second.Problems);
    }

    private async Task<(Dictionary<string, ConversationPart> Parts, Dictionary<string, string> Problems)> AskAllAsync(
        IReadOnlyList<string> names, string[] ids, Guid[] messageIds, CancellationToken cancellationToken)
    {
        var answers = await Task.WhenAll(names.Select(n => services.ConversationAsync(n, ids, messageIds, cancellationToken))).ConfigureAwait(false);
        var parts = new Dictionary<string, ConversationPart>(StringComparer.Ordinal);
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            if (answers[i].Value is { } part)
            {
                parts[names[i]] = part;
            }
            else
            {
                problems[names[i]] = answers[i].Problem ?? "no answer";
            }
        }

        return (parts, problems);
    }
}
