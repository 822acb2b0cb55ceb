using Spectre.Console;
using WeeEvents.ParkedMessages;

namespace WeeEvents.Admin.Parked;

/// <summary>What <c>parked list</c> and <c>parked return</c> do and show.</summary>
public static class ParkedCommands
{
    private const int ReasonWidth = 160;

    /// <summary>Lists every route's error queue (or <paramref name="queue"/>'s) with up to <paramref name="limit"/> messages each.</summary>
    public static async Task<int> ListAsync(Uri broker, string? queue, int limit, CancellationToken cancellationToken)
    {
        await using var queues = await ParkedQueues.ConnectAsync(broker, "weeevents-admin", cancellationToken);
        var names = queue is { Length: > 0 } ? [ErrorQueues.ErrorQueueOf(queue)] : Fleet.ErrorQueues.ToArray();
        var parked = 0u;
        foreach (var name in names)
        {
            var count = await queues.CountAsync(name, cancellationToken);
            if (count is null or 0)
            {
                if (queue is { Length: > 0 })
                {
                    AnsiConsole.MarkupLine($"[grey]{Markup.Escape(name)}: {(count is null ? "no such queue" : "empty")}[/]");
                }

                continue;
            }

            parked += count.Value;
            var table = new Table().Title($"{Markup.Escape(name)} — {count} parked, back to {Markup.Escape(ErrorQueues.SourceOf(name))}")
                .AddColumns("message id", "type", "parked at", "reason");
            foreach (var message in await queues.PeekAsync(name, limit, cancellationToken))
            {
                table.AddRow(
                    Markup.Escape(message.MessageId ?? "?"),
                    Markup.Escape(message.MessageType ?? "?"),
                    Markup.Escape(message.FailedAt?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "?"),
                    Markup.Escape(Shorten($"{message.ExceptionType}: {message.Reason}")));
            }

            AnsiConsole.Write(table);
        }

        AnsiConsole.MarkupLine($"{parked} parked message(s) in {names.Length} error queue(s) looked at.");
        return queue is { Length: > 0 } && parked == 0 ? AdminCommand.NothingMatched : AdminCommand.Success;
    }

    /// <summary>Moves <paramref name="messageId"/>, or every message when it is null, from the error queue back to its source queue.</summary>
    public static async Task<int> ReturnAsync(Uri broker, string queue, string? messageId, CancellationToken cancellationToken)
    {
        var errorQueue = ErrorQueues.ErrorQueueOf(queue);
        var source = ErrorQueues.SourceOf(errorQueue);
        await using var queues = await ParkedQueues.ConnectAsync(broker, "weeevents-admin", cancellationToken);
        var count = await queues.CountAsync(errorQueue, cancellationToken);
        if (count is null or 0)
        {
            AnsiConsole.MarkupLine($"{Markup.Escape(errorQueue)}: {(count is null ? "no such queue" : "nothing parked")}.");
            return AdminCommand.NothingMatched;
        }

        IReadOnlyList<ParkedMessage> moved = [];
        await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask($"{errorQueue} → {source}", maxValue: messageId is null ? count.Value : 1);
            moved = await queues.ReturnAsync(
                errorQueue,
                source,
                m => messageId is null || string.Equals(m.MessageId, messageId, StringComparison.OrdinalIgnoreCase),
                _ => task.Increment(1),
                cancellationToken);
            task.Value = task.MaxValue;
        });

        AnsiConsole.MarkupLine($"Returned {moved.Count} message(s) from {Markup.Escape(errorQueue)} to {Markup.Escape(source)}.");
        return moved.Count == 0 ? AdminCommand.NothingMatched : AdminCommand.Success;
    }

    private static string Shorten(string text) => text.Length <= ReasonWidth ? text : text[..(ReasonWidth - 1)] + "…";
}
