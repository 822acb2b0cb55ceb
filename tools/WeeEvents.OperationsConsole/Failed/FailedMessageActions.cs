using Microsoft.AspNetCore.Mvc;
using WeeEvents.ParkedMessages;

namespace WeeEvents.OperationsConsole.Failed;

/// <summary>
/// The failed-messages page's actions, as form posts (antiforgery checked, operators only) that redirect back to the
/// page: return one message, a selection or a whole group to its queue; discard them with a reason. Each is audited
/// in the <see cref="OperatorJournal"/>.
/// </summary>
public static class FailedMessageActions
{
    /// <summary>The failed-messages page.</summary>
    public const string Page = "/failed";

    /// <summary>Maps <c>POST /failed/return</c> and <c>POST /failed/discard</c>.</summary>
    public static IEndpointRouteBuilder MapFailedMessageActions(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/failed/return", ([FromForm] ActionForm form, HttpContext http, ParkedInventory inventory, OperatorJournal journal) =>
            ActAsync(http, form, inventory, journal, "returned"));
        endpoints.MapPost("/failed/discard", ([FromForm] ActionForm form, HttpContext http, ParkedInventory inventory, OperatorJournal journal) =>
            string.IsNullOrWhiteSpace(form.Reason)
                ? Task.FromResult(Results.Redirect($"{Page}?problem=discard-needs-a-reason"))
                : ActAsync(http, form, inventory, journal, "discarded"));
        return endpoints;
    }

    private static async Task<IResult> ActAsync(HttpContext http, ActionForm form, ParkedInventory inventory, OperatorJournal journal, string action)
    {
        // The selection: "queue|message id" pairs (one message or checked boxes), or every message of a fingerprint.
        var picked = (form.Message ?? []).Select(ParsePick).Where(p => p is not null).Select(p => p!.Value).ToArray();
        var queues = form.Group is { Length: > 0 }
            ? (await inventory.ReadAsync(http.RequestAborted)).Groups.Where(g => g.Fingerprint.Id == form.Group).SelectMany(g => g.Messages).Select(m => m.Queue).Distinct().ToArray()
            : picked.Select(p => p.Queue).Distinct().ToArray();
        if (queues.Length == 0)
        {
            return Results.Redirect($"{Page}?problem=nothing-selected");
        }

        var who = http.User.Identity?.Name ?? "?";
        var count = 0;
        foreach (var queue in queues.Where(ErrorQueues.IsErrorQueue))
        {
            var ids = picked.Where(p => p.Queue == queue).Select(p => p.MessageId).ToHashSet(StringComparer.OrdinalIgnoreCase);
            bool Select(ParkedMessage m) => form.Group is { Length: > 0 }
                ? Fingerprint.Of(m).Id == form.Group
                : m.MessageId is not null && ids.Contains(m.MessageId);
            var done = action == "returned"
                ? await inventory.ReturnAsync(queue, Select, http.RequestAborted)
                : await inventory.DiscardAsync(queue, Select, http.RequestAborted);
            if (done.Count > 0)
            {
                journal.Record(who, action, queue, [.. done.Select(m => new MessageRef(m.MessageId, m.CorrelationId))], form.Reason);
                count += done.Count;
            }
        }

        return Results.Redirect($"{Page}?done={action}&count={count}");
    }

    private static (string Queue, string MessageId)? ParsePick(string pick) =>
        pick.Split('|', 2) is [var queue, var id] && queue.Length > 0 && id.Length > 0 ? (queue, id) : null;
}

/// <summary>What the failed-messages page posts.</summary>
public sealed class ActionForm
{
    /// <summary>Picked messages as <c>queue|message id</c>.</summary>
    public string[]? Message { get; set; }

    /// <summary>A fingerprint id: every message of that group.</summary>
    public string? Group { get; set; }

    /// <summary>Why (required to discard).</summary>
    public string? Reason { get; set; }
}
