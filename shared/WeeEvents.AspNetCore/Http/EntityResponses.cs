using System.Globalization;
using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace WeeEvents.AspNetCore.Http;

/// <summary>Writes entities as JSON with their revision as the ETag.</summary>
internal static class EntityResponses
{
    /// <summary>The entity as a client may see it: sensitive fields masked (<see cref="SensitiveAttribute"/>).</summary>
    public static string Serialize<TState>(Entity<TState> entity) =>
        JsonSerializer.Serialize(EntityDocument<TState>.From(entity), SensitiveData.ResponseOptions);

    /// <summary>The body as sent, with <c>ETag: "revision"</c> so a client can send it back as <c>If-Match</c>.</summary>
    public static IResult Json(HttpResponse response, int status, string body, long? revision)
    {
        if (revision is { } r)
        {
            response.Headers.ETag = ETagOf(r);
        }

        return Results.Text(body, "application/json; charset=utf-8", statusCode: status);
    }

    public static string ETagOf(long revision) =>
        new EntityTagHeaderValue($"\"{revision.ToString(CultureInfo.InvariantCulture)}\"").ToString();

    /// <summary>The revision inside a stored entity body (for the ETag of a replayed response).</summary>
    public static long? RevisionIn(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("revision", out var revision)
                && revision.TryGetInt64(out var value) ? value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
