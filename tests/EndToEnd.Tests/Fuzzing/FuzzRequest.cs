using System.Text;

namespace WeeEvents.EndToEnd.Tests.Fuzzing;

/// <summary>One generated request: printed in full when a property fails, so the case can be replayed by hand.</summary>
public sealed record FuzzRequest(
    string Method,
    string PathAndQuery,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string? ContentType,
    string? Body)
{
    public HttpRequestMessage ToMessage(Uri server)
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), new Uri(server, PathAndQuery));
        foreach (var (name, value) in Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body));
            if (ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        return request;
    }

    public override string ToString()
    {
        var text = new StringBuilder().Append(Method).Append(' ').Append(PathAndQuery);
        foreach (var (name, value) in Headers)
        {
            text.Append("\n  ").Append(name).Append(": ").Append(value);
        }

        if (Body is not null)
        {
            text.Append("\n  Content-Type: ").Append(ContentType ?? "(none)")
                .Append("\n  ").Append(Body.Length > 2_000 ? Body[..2_000] + $"… ({Body.Length} characters)" : Body);
        }

        return text.ToString();
    }
}
