namespace WeeEvents.EntityFrameworkCore.Model;

/// <summary>A row of the <c>idempotency_keys</c> table: the response an HTTP command produced for a key.</summary>
internal sealed class IdempotencyRow
{
    public required string Scope { get; set; }

    public required string Key { get; set; }

    public required string RequestHash { get; set; }

    public int StatusCode { get; set; }

    public required string Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
