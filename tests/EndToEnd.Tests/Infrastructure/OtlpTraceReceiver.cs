using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WeeEvents.EndToEnd.Tests.Infrastructure;

/// <summary>
/// What a trace viewer would receive, kept in memory: an OTLP/HTTP endpoint on a free port of 127.0.0.1 that service
/// processes export to (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, <c>http/protobuf</c>). It reads only what the tests ask of a
/// span (<see cref="ReceivedSpan"/>) from <c>/v1/traces</c> and accepts, unread, the metrics and logs sent beside them.
/// </summary>
public sealed class OtlpTraceReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    private readonly Task _loop;

    public OtlpTraceReceiver()
    {
        var port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The value of <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>Every span received so far.</summary>
    public IReadOnlyCollection<ReceivedSpan> Spans => _spans.ToArray();

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
            // Stopped while waiting for a request.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            if (context.Request.Url?.AbsolutePath == "/v1/traces")
            {
                foreach (var span in OtlpTraces.Read(body.ToArray()))
                {
                    _spans.Enqueue(span);
                }
            }

            // An empty Export*ServiceResponse: everything accepted.
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>One span as exported: the service that made it, its instrumentation scope, trace, name, kind and string attributes.</summary>
public sealed record ReceivedSpan(string Service, string Scope, string TraceId, string Name, int Kind, IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>OTLP's SPAN_KIND_PRODUCER.</summary>
    public const int Producer = 4;

    /// <summary>OTLP's SPAN_KIND_CONSUMER.</summary>
    public const int Consumer = 5;
}

/// <summary>
/// Reads an OTLP <c>ExportTraceServiceRequest</c> (protobuf) far enough for the tests: resource spans → the resource's
/// <c>service.name</c>, scope spans → scope name, spans → trace id, name, kind and string attributes. Field numbers are
/// those of opentelemetry-proto's trace/v1, resource/v1 and common/v1 messages; anything else is skipped.
/// </summary>
internal static class OtlpTraces
{
    public static IEnumerable<ReceivedSpan> Read(byte[] request)
    {
        var spans = new List<ReceivedSpan>();
        foreach (var (field, resourceSpans) in Fields(request))
        {
            if (field != 1)
            {
                continue;
            }

            var service = "?";
            foreach (var (f, value) in Fields(resourceSpans))
            {
                if (f == 1)
                {
                    service = Attributes(value).GetValueOrDefault("service.name", "?");
                }
                else if (f == 2)
                {
                    ReadScope(value, service, spans);
                }
            }
        }

        return spans;
    }

    private static void ReadScope(ReadOnlyMemory<byte> scopeSpans, string service, List<ReceivedSpan> spans)
    {
        var scope = "?";
        foreach (var (f, value) in Fields(scopeSpans))
        {
            if (f == 1)
            {
                scope = Fields(value).Where(x => x.Field == 1).Select(x => Text(x.Value)).FirstOrDefault() ?? "?";
            }
            else if (f == 2)
            {
                string traceId = "", name = "";
                var kind = 0;
                var attributes = new Dictionary<string, string>();
                foreach (var (sf, sv) in Fields(value))
                {
                    switch (sf)
                    {
                        case 1: traceId = Convert.ToHexStringLower(sv.Span); break;
                        case 5: name = Text(sv); break;
                        case 6: kind = (int)Varint(sv.Span, out _); break;
                        case 9: Attribute(sv, attributes); break;
                    }
                }

                spans.Add(new ReceivedSpan(service, scope, traceId, name, kind, attributes));
            }
        }
    }

    private static Dictionary<string, string> Attributes(ReadOnlyMemory<byte> resource)
    {
        var attributes = new Dictionary<string, string>();
        foreach (var (f, value) in Fields(resource))
        {
            if (f == 1)
            {
                Attribute(value, attributes);
            }
        }

        return attributes;
    }

    // KeyValue { key = 1; AnyValue value = 2 }, AnyValue { string_value = 1; ... }: only strings are kept.
    private static void Attribute(ReadOnlyMemory<byte> keyValue, Dictionary<string, string> into)
    {
        string? key = null, text = null;
        foreach (var (f, value) in Fields(keyValue))
        {
            if (f == 1)
            {
                key = Text(value);
            }
            else if (f == 2)
            {
                text = Fields(value).Where(x => x.Field == 1).Select(x => Text(x.Value)).FirstOrDefault();
            }
        }

        if (key is not null && text is not null)
        {
            into[key] = text;
        }
    }

    private static string Text(ReadOnlyMemory<byte> value) => Encoding.UTF8.GetString(value.Span);

    // The length-delimited fields of a message, with their numbers; varint and fixed fields come back as their raw bytes.
    private static List<(int Field, ReadOnlyMemory<byte> Value)> Fields(ReadOnlyMemory<byte> message)
    {
        var fields = new List<(int, ReadOnlyMemory<byte>)>();
        var at = 0;
        while (at < message.Length)
        {
            var tag = Varint(message.Span[at..], out var read);
            at += read;
            var (field, wire) = ((int)(tag >> 3), (int)(tag & 7));
            int length;
            switch (wire)
            {
                case 0:
                    Varint(message.Span[at..], out length);
                    break;
                case 1:
                    length = 8;
                    break;
                case 2:
                    length = (int)Varint(message.Span[at..], out read);
                    at += read;
                    break;
                case 5:
                    length = 4;
                    break;
                default:
                    throw new InvalidDataException($"Unsupported protobuf wire type {wire}.");
            }

            fields.Add((field, message.Slice(at, length)));
            at += length;
        }

        return fields;
    }

    private static ulong Varint(ReadOnlySpan<byte> bytes, out int read)
    {
        ulong value = 0;
        for (read = 0; read < 10; read++)
        {
            value |= (ulong)(bytes[read] & 0x7F) << (7 * read);
            if ((bytes[read] & 0x80) == 0)
            {
                read++;
                return value;
            }
        }

        throw new InvalidDataException("A protobuf varint longer than 10 bytes.");
    }
}
