using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace WeeEvents.EndToEnd.Tests.Fuzzing;

/// <summary>
/// Generators of what a client may send to a WeeEvents HTTP API: keys (the categories the bad-input report found 500s
/// with, their neighbours and random Unicode), query strings, headers and bodies shaped like each command's payload
/// with values at and past their limits, of the wrong kind, or not JSON at all.
/// </summary>
public static class RequestGen
{
    /// <summary>Keys many requests share, so commands create entities that later reads, pages and commands find.</summary>
    private static readonly string[] SharedKeys = ["k-1", "k-2", "k-3", "ü-1"];

    private static readonly string[] EdgeKeys =
    [
        " ", "   ", "\t", new string('a', 199), new string('a', 200), new string('a', 201), new string('a', 5_000),
        new string('ü', 100), new string('ü', 200), new string('ü', 201), "-", "..%2F..", "\U0001F600",
        string.Concat(Enumerable.Repeat("\U0001F600", 100)), string.Concat(Enumerable.Repeat("\U0001F600", 101)),
        ".", "..", "a.b", "%", "a%b", "a\nb", "a\u0000b", "\u007F", "\u00A0x", "x\u00A0", "\u200B", "\uFEFF", "a b",
        "'; drop table events; --", "<script>", "\\", "a\\b", "CON", "null",
    ];

    /// <summary>Path segments sent as they are, not percent-encoded from a key.</summary>
    private static readonly string[] RawSegments = ["..%2F..", "%2e%2e", "%", "%zz", "%C0%AF", "%FF%FE", "%ED%A0%80", "a%00b", "%20", "%E2%80%8B"];

    private static readonly string[] EdgeNumbers =
    [
        "0", "1", "-1", "-5", "2", "1000", "1001", "9223372036854775807", "9223372036854775806", "9223372036854775808",
        "-9223372036854775808", "99999999999999999999", "", " ", "abc", "1e3", "+1", "0x10", "1.5", "٣", "１", "00000000000000000001",
    ];

    private static readonly string[] QueryNames = ["revision", "after", "limit", "revision", "after", "limit", "page", "x"];

    // The lists' parameters (every service's, so each list also meets the others' names), and what they may be given.
    private static readonly string[] ListQueryNames =
        ["customerId", "status", "placedFrom", "placedTo", "belowAvailable", "from", "to", "carrier", "limit", "after", "x"];

    private static readonly string[] ListQueryValues =
        ["placed", "completed", "succeeded", "scheduled", "2026-12-06T10:00:00Z", "2026-12-06", "yesterday", "9999-12-31T23:59:59+14:00", "0001-01-01T00:00:00Z", "b3JkZXI", "%%%", "", "-1", "0", "1", "9223372036854775808",
         // Control characters (PostgreSQL refuses NUL in text: once a 500) and a cursor that decodes to one ("a\0b").
         "\u0000", "c-1\u0000", "a\nb", "\u0085", "\u007F", "placed\u0000", "YQBi"];

    private static readonly string[] ConsistentWithValues = ["order.o-1@1", "order.o-1@0", "order.o-1", "@1", "order.@1", "x.y@99999999999999999999", "inventory-item.sku-1@1"];

    private static readonly string[] JsonIntegers =
    [
        "0", "1", "-1", "-5", "1000", "1001", "50000", "50001", "1000000", "1000001", "2147483647", "2147483648", "-2147483649",
        "9223372036854775807", "99999999999999999999", "1e40", "1e400", "1.5", "-0", "1e3", "\"5\"", "\"abc\"",
    ];

    private static readonly string[] JsonDecimals =
    [
        "0", "0.01", "9.99", "9.999", "-1", "1000000", "1000000.01", "999999999.99", "50000000000", "1e28", "1e-30", "7.9e28",
        "79228162514264337593543950335", "79228162514264337593543950336", "1e400", "\"9.99\"", "\"NaN\"",
    ];

    private static readonly string[] JsonStrings =
    [
        "", " ", "EUR", "eur", "GB", "tok_visa", "tok_decline", "tok_flaky", "sku-1", "k-1", " sku", "sku/1", "a\nb", "\u0000",
        "c-1\u0000", "Ada\r\nLovelace", "\t", "\u0085", "\u007F", "\u009F", "tok_visa\u0000", "EU\u0000",
        new string('ü', 100), new string('a', 201), new string('a', 5_000), "\U0001F600", "\u200B",
    ];

    private static readonly string[] WrongKinds = ["null", "true", "[]", "{}", "\"x\"", "0", "[null]", "{\"a\":1}"];

    private static readonly string[] RawBodies =
    [
        "", " ", "null", "[]", "{}", "{", "}", "\"x\"", "0", "true", "{\"a\":}", "{'a':1}", "{\"quantity\":1,}", "\uFEFF{}",
        "{\"quantity\":\"\\ud800\"}", "{\"reason\":\"\\udc00\"}", "{\"customerId\":\"\\ud800\",\"currency\":\"EUR\"}",
        new string('[', 500) + new string(']', 500), string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200),
        "{\"quantity\":" + new string('9', 5_000) + "}", "{\"x\":\"" + new string('x', 70 * 1024) + "\"}",
    ];

    private static readonly string?[] ContentTypes =
    [
        null, "text/plain", "application/xml", "application/json; charset=utf-16", "application/problem+json",
        "application/vnd.weeevents+json", "*/*", "application/json; charset=latin1", "multipart/form-data",
    ];

    private static readonly string[] IfMatchValues =
    [
        "\"1\"", "1", "W/\"2\"", "*", "\"-1\"", "\"0\"", "\"9223372036854775807\"", "\"99999999999999999999\"", "abc", "", "\"\"",
        "\"1\", \"2\"",
    ];

    private static readonly string[] AcceptValues = ["application/xml", "text/html", "*/*", "application/problem+json", "image/png"];

    /// <summary>Any character, surrogate halves and control characters included, weighted towards the readable.</summary>
    private static readonly Gen<char> AnyChar = Gen.Frequency(
        (6, Gen.Char['a', 'z']),
        (3, Gen.Char[' ', '~']),
        (1, Gen.Char['\u0000', '\u001F']),
        (1, Gen.Char['\u0080', '\u00FF']),
        (1, Gen.Char['\u0100', '\uD7FF']),
        (1, Gen.Char['\uD800', '\uDFFF']),
        (1, Gen.Char['\uE000', '\uFFFF']));

    /// <summary>Characters a header value can carry at all (no line breaks or NUL: the client refuses to send those).</summary>
    private static readonly Gen<char> HeaderChar = Gen.Frequency((8, Gen.Char[' ', '~']), (1, Gen.Char['\u00A0', '\u00FF']), (1, Gen.Char['\u0100', '\u07FF']));

    public static readonly Gen<string> Key = Gen.Frequency(
        (4, Gen.OneOf(SharedKeys)),
        (3, Gen.OneOf(EdgeKeys)),
        (2, Text(AnyChar, 1, 40)),
        (1, Text(AnyChar, 190, 210)),
        (1, Text(Gen.Char['a', 'z'], 195, 205)));

    /// <summary>A key as a URL path segment (UTF-8, percent-encoded), or a raw segment with encodings of its own.</summary>
    public static readonly Gen<string> Segment = Gen.Frequency((9, Key.Select(Encode)), (1, Gen.OneOf(RawSegments)));

    public static readonly Gen<string> Query = Gen.Select(Gen.OneOf(QueryNames), Gen.Frequency(
            (3, Gen.Long[0, 20].Select(n => n.ToString(CultureInfo.InvariantCulture))),
            (3, Gen.OneOf(EdgeNumbers)),
            (1, Gen.Long.Select(n => n.ToString(CultureInfo.InvariantCulture))),
            (1, Text(AnyChar, 0, 8))))
        .Array[0, 3]
        .Select(pairs => pairs.Length == 0 ? "" : "?" + string.Join("&", pairs.Select(p => $"{p.Item1}={Encode(p.Item2)}")));

    public static readonly Gen<string> ListQuery = Gen.Select(Gen.OneOf(ListQueryNames), Gen.Frequency(
            (3, Gen.OneOf(ListQueryValues)),
            (2, Gen.OneOf(EdgeNumbers)),
            (1, Text(AnyChar, 0, 12)),
            (1, Text(Gen.Char['a', 'z'], 195, 205))))
        .Array[0, 4]
        .Select(pairs => pairs.Length == 0 ? "" : "?" + string.Join("&", pairs.Select(p => $"{p.Item1}={Encode(p.Item2)}")));

    public static readonly Gen<IReadOnlyList<KeyValuePair<string, string>>> Headers = Gen.Select(
        Optional("If-Match", Gen.Frequency((3, Gen.OneOf(IfMatchValues)), (1, Text(HeaderChar, 0, 30)))),
        Optional("Idempotency-Key", Gen.Frequency((3, Text(Gen.Char['a', 'z'], 1, 20)), (1, Text(HeaderChar, 0, 300)))),
        Optional("X-Correlation-Id", Gen.Frequency((3, Text(Gen.Char['a', 'z'], 1, 20)), (1, Text(HeaderChar, 0, 300)))),
        Optional("Accept", Gen.OneOf(AcceptValues)),
        (ifMatch, idempotencyKey, correlationId, accept) => (IReadOnlyList<KeyValuePair<string, string>>)
            new[] { ifMatch, idempotencyKey, correlationId, accept }.OfType<KeyValuePair<string, string>>().ToArray());

    public static readonly Gen<string?> ContentType = Gen.Frequency(
        (8, Gen.Const<string?>("application/json")),
        (1, Gen.Const<string?>("application/json; charset=utf-8")),
        (2, Gen.OneOf(ContentTypes)));

    /// <summary>Requests for every route of the services a host maps.</summary>
    public static Gen<FuzzRequest> For(IReadOnlyList<ServiceRoutes> services) =>
        Gen.OneOf(services.Select(ForService).ToArray());

    private static Gen<FuzzRequest> ForService(ServiceRoutes service)
    {
        var type = service.EntityType;
        var routes = new List<(int, IGen<FuzzRequest>)>
        {
            (3, Gen.Select(Segment, Query, Headers, (key, query, headers) => new FuzzRequest("GET", $"/{type}/{key}{query}", headers, null, null))),
            (3, Gen.Select(Segment, Query, Headers, (key, query, headers) => new FuzzRequest("GET", $"/{type}/{key}/events{query}", headers, null, null))),
            (3, Gen.Select(ListQuery, Headers, Optional("X-Consistent-With", Gen.Frequency((3, Gen.OneOf(ConsistentWithValues)), (1, Text(HeaderChar, 0, 40)))),
                (query, headers, consistent) => new FuzzRequest("GET", $"/{type}{query}", consistent is { } c ? [.. headers, c] : headers, null, null))),
            (1, Gen.Select(Segment, Gen.OneOf([.. service.InternalCommands, "refund-everything", "events", "EVENTS", "%20"]), Headers, Body(null),
                (key, command, headers, body) => new FuzzRequest("POST", $"/{type}/{key}/{command}", headers, "application/json", body))),
            (1, Gen.Select(Segment, Gen.OneOf("PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"), Headers,
                (key, method, headers) => new FuzzRequest(method, $"/{type}/{key}", headers, null, null))),
        };
        foreach (var command in service.Commands)
        {
            routes.Add((6, Gen.Select(Segment, Headers, ContentType, Body(command),
                (key, headers, contentType, body) => new FuzzRequest("POST", $"/{type}/{key}/{command.Name}", headers, contentType, body))));
        }

        return Gen.Frequency([.. routes]);
    }

    /// <summary>A body for <paramref name="command"/>: shaped like its payload, its documented example, or anything.</summary>
    private static Gen<string> Body(RoutedCommand? command)
    {
        var bodies = new List<(int, IGen<string>)> { (2, Gen.OneOf(RawBodies)), (1, Text(AnyChar, 0, 50)) };
        if (command is not null)
        {
            bodies.Add((7, Json(command.PayloadType, 0).Select(node => node?.ToJsonString(WeeEventsJson.Options) ?? "null")));
            if (command.ExampleJson is { } example)
            {
                bodies.Add((3, Gen.Const(example)));
            }
        }

        return Gen.Frequency([.. bodies]);
    }

    /// <summary>A JSON value for <paramref name="type"/>: right-shaped with values at and past their limits, or of the wrong kind.</summary>
    private static Gen<JsonNode?> Json(Type type, int depth)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        Gen<JsonNode?> shaped;
        if (underlying == typeof(string))
        {
            shaped = Gen.Frequency(
                (4, Text(Gen.Char['a', 'z'], 1, 12)),
                (3, Gen.OneOf(JsonStrings)),
                (1, Text(Gen.Frequency((4, Gen.Char[' ', '~']), (1, Gen.Char['\u00A0', '\uD7FF'])), 0, 40)),
                // Text with control characters anywhere in it: C0 (NUL and line breaks included), DEL and C1.
                (1, Text(Gen.Frequency((6, Gen.Char[' ', '~']), (1, Gen.Char['\u0000', '\u001F']), (1, Gen.Char['\u007F', '\u009F'])), 1, 20)))
                .Select(s => (JsonNode?)JsonValue.Create(s));
        }
        else if (underlying == typeof(int) || underlying == typeof(long))
        {
            shaped = Gen.Frequency((3, Gen.Int[-10, 2_000].Select(n => n.ToString(CultureInfo.InvariantCulture))), (2, Gen.OneOf(JsonIntegers)))
                .Select(text => JsonNode.Parse(text));
        }
        else if (underlying == typeof(decimal) || underlying == typeof(double))
        {
            shaped = Gen.Frequency((3, Gen.Int[-100, 100_000].Select(n => (n / 100m).ToString(CultureInfo.InvariantCulture))), (2, Gen.OneOf(JsonDecimals)))
                .Select(text => JsonNode.Parse(text));
        }
        else if (underlying == typeof(bool))
        {
            shaped = Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b));
        }
        else if (ElementType(underlying) is { } element)
        {
            shaped = depth >= 3
                ? Gen.Const<JsonNode?>(() => new JsonArray())
                : Gen.Frequency((4, Json(element, depth + 1).Array[0, 3]), (1, Json(element, depth + 1).Array[48, 52]))
                    .Select(items => (JsonNode?)new JsonArray(items));
        }
        else
        {
            shaped = depth >= 3 ? Gen.Const<JsonNode?>(() => new JsonObject()) : Object(underlying, depth + 1);
        }

        return Gen.Frequency((12, shaped), (1, Gen.OneOf(WrongKinds).Select(text => JsonNode.Parse(text))));
    }

    /// <summary>An object with the record's constructor parameters as camelCase members; now and then one missing or one extra.</summary>
    private static Gen<JsonNode?> Object(Type type, int depth)
    {
        var parameters = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()?.GetParameters() ?? [];
        var members = Gen.Const(ImmutableList<(string, JsonNode?)>.Empty);
        foreach (var parameter in parameters)
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(parameter.Name!);
            var member = Gen.Frequency(
                (12, Json(parameter.ParameterType, depth).Select(value => (Include: true, Value: value))),
                (1, Gen.Const((Include: false, Value: (JsonNode?)null))));
            members = Gen.Select(members, member, (list, m) => m.Include ? list.Add((name, m.Value)) : list);
        }

        return Gen.Select(members, Gen.Int[0, 20], (list, extra) =>
        {
            var json = new JsonObject();
            foreach (var (name, value) in list)
            {
                json[name] = value;
            }

            if (extra == 0)
            {
                json["unexpected"] = "member";
            }

            return (JsonNode?)json;
        });
    }

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && type.GetGenericArguments() is [var element] && typeof(IEnumerable<>).MakeGenericType(element).IsAssignableFrom(type) ? element
        : null;

    private static Gen<string> Text(Gen<char> chars, int min, int max) => chars.Array[min, max].Select(a => new string(a));

    private static Gen<KeyValuePair<string, string>?> Optional(string name, Gen<string> value) => Gen.Frequency(
        (2, Gen.Const(default(KeyValuePair<string, string>?))),
        (1, value.Select(v => (KeyValuePair<string, string>?)new KeyValuePair<string, string>(name, v))));

    /// <summary>UTF-8, percent-encoded except the unreserved characters (a lone surrogate goes as U+FFFD).</summary>
    private static string Encode(string text)
    {
        var encoded = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            if (b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }
}
