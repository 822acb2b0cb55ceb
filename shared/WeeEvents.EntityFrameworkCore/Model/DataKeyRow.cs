namespace WeeEvents.EntityFrameworkCore.Model;

/// <summary>A row of the <c>data_keys</c> table: one data subject's data key, wrapped; the wrapping is null once destroyed.</summary>
internal sealed class DataKeyRow
{
    public Guid KeyId { get; set; }

    public required string Subject { get; set; }

    public required string KekId { get; set; }

    public byte[]? WrappedKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DestroyedAt { get; set; }
}
