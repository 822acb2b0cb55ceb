using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using WeeEvents.AspNetCore.Problems;

namespace WeeEvents.AspNetCore.Http;

/// <summary>Reads a command's body: JSON only, within the size limit, kept as bytes for the idempotency hash.</summary>
internal static class CommandBody
{
    /// <summary>The raw body, refused with 413 past <paramref name="limit"/> bytes and 415 when it is not JSON.</summary>
    public static async Task<byte[]> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentType is { Length: > 0 } contentType && !request.HasJsonContentType())
        {
            throw HttpRequestProblem.UnsupportedMediaType(contentType);
        }

        if (request.ContentLength > limit)
        {
            throw HttpRequestProblem.BodyTooLarge(limit);
        }

        // Let the server stop a chunked upload at the limit too, where it supports that.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        var buffer = new ArrayBufferWriter<byte>(Math.Min(limit, 4096));
        while (true)
        {
            var memory = buffer.GetMemory(1);
            var read = await request.Body.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                throw HttpRequestProblem.BodyTooLarge(limit);
            }
        }
    }

    /// <summary>
    /// The body as JSON for the service, which reads it as the command and reports type errors by field. Text with
    /// control characters (or not well-formed) in any field is refused here, naming the field (<see cref="CommandText"/>).
    /// An empty body is left undefined so the service says that a body is required.
    /// </summary>
    public static JsonElement Parse<TState>(byte[] body, AggregateId aggregate, CommandRegistration<TState> command)
    {
        if (body.Length == 0)
        {
            return default;
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException syntax)
        {
            throw new CommandValidationFailed(aggregate, command.Name, [new FieldError(FieldOf(body, command.CommandType), Describe(syntax))]);
        }

        // Every text the command carries follows one rule, whichever field it is in and whichever database is behind.
        return CommandText.Check(root) is { Count: > 0 } broken
            ? throw new CommandValidationFailed(aggregate, command.Name, broken)
            : root;
    }

    /// <summary>
    /// Where malformed JSON went wrong, as a field path. The document reader does not track paths;
    /// the serializer does, so it is asked to read the same bytes as the command.
    /// </summary>
    private static string FieldOf(byte[] body, Type commandType)
    {
        try
        {
            _ = JsonSerializer.Deserialize(body, commandType, WeeEventsJson.Options);
        }
        catch (JsonException e) when (e.Path is { Length: > 1 } path)
        {
            return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        }
        catch (JsonException)
        {
        }

        return "";
    }

    private static string Describe(JsonException syntax) =>
        syntax.LineNumber is { } line && syntax.BytePositionInLine is { } position
            ? $"The body is not valid JSON (line {line + 1}, position {position + 1})."
            : "The body is not valid JSON.";
}
