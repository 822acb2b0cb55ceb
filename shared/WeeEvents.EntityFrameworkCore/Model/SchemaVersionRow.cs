namespace WeeEvents.EntityFrameworkCore.Model;

/// <summary>A row of the <c>schema_version</c> table: one per schema version applied.</summary>
internal sealed class SchemaVersionRow
{
    public int Version { get; set; }

    public DateTimeOffset AppliedAt { get; set; }
}
