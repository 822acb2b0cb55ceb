using System.Globalization;
using Microsoft.Net.Http.Headers;
using WeeEvents.AspNetCore.Problems;

namespace WeeEvents.AspNetCore.Http;

/// <summary>Reads the WeeEvents request headers, refusing malformed ones with a 400 that names the header.</summary>
internal static class RequestHeaders
{
    private const int MaxCorrelationIdLength = 200;

    /// <summary>
    /// <c>If-Match: "3"</c> (or <c>3</c>, or <c>W/"3"</c>): the entity must be at that revision; without the header, the
    /// command runs on the entity wherever it is (<see cref="WeeEvents.ExpectedRevision.Any"/>).
    /// </summary>
    public static ExpectedRevision ExpectedRevision(HttpRequest request)
    {
        var values = request.Headers.IfMatch;
        if (values.Count == 0)
        {
            return WeeEvents.ExpectedRevision.Any;
        }

        var raw = values.ToString().Trim();
        if (raw.StartsWith("W/", StringComparison.Ordinal))
        {
            raw = raw[2..];
        }

        raw = raw.Trim('"');
        // The largest long is no revision an entity can reach (nor one an append can expect): a malformed header too.
        return long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var revision) && revision < long.MaxValue
            ? WeeEvents.ExpectedRevision.At(new Revision(revision))
            : throw HttpRequestProblem.InvalidField(HeaderNames.IfMatch, "Must be one entity revision, such as \"3\" (the ETag of the entity).");
    }

    /// <summary>The client's correlation id, or a new one.</summary>
    public static string CorrelationId(HttpRequest request)
    {
        var value = request.Headers[HttpHeaderNames.CorrelationId].ToString();
        if (value.Length == 0)
        {
            return Guid.CreateVersion7().ToString();
        }

        return value.Length <= MaxCorrelationIdLength && IsVisibleAscii(value)
            ? value
            : throw HttpRequestProblem.InvalidField(HttpHeaderNames.CorrelationId, $"Must be at most {MaxCorrelationIdLength} visible ASCII characters.");
    }

    /// <summary>The idempotency key, or null when absent.</summary>
    public static string? IdempotencyKey(HttpRequest request, int maxLength)
    {
        if (!request.Headers.TryGetValue(HttpHeaderNames.IdempotencyKey, out var values))
        {
            return null;
        }

        var value = values.ToString();
        return value.Length > 0 && value.Length <= maxLength && IsVisibleAscii(value)
            ? value
            : throw HttpRequestProblem.InvalidField(HttpHeaderNames.IdempotencyKey, $"Must be 1 to {maxLength} visible ASCII characters.");
    }

    private static bool IsVisibleAscii(string value)
    {
        foreach (var c in value)
        {
            if (c is < '!' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
