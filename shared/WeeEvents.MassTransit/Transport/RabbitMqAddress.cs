namespace WeeEvents.MassTransit.Transport;

/// <summary>A RabbitMQ connection string taken apart: <c>amqp[s]://user:password@host[:port][/vhost]</c>.</summary>
/// <param name="Host">The host name.</param>
/// <param name="Port">The port (5672, or 5671 for amqps, when not given).</param>
/// <param name="VirtualHost">The virtual host (<c>/</c> when not given).</param>
/// <param name="Username">The user (guest when not given).</param>
/// <param name="Password">The password (guest when not given).</param>
/// <param name="UseTls">True for <c>amqps</c>.</param>
public sealed record RabbitMqAddress(string Host, int Port, string VirtualHost, string Username, string Password, bool UseTls)
{
    /// <summary>Parses a connection string; on failure says why, never echoing the password.</summary>
    public static bool TryParse(string? value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RabbitMqAddress? address, out string? error)
    {
        address = null;
        if (!Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != "amqp" && uri.Scheme != "amqps"))
        {
            error = "expected an amqp:// or amqps:// URI such as amqp://user:password@host:5672/vhost.";
            return false;
        }

        if (string.IsNullOrEmpty(uri.Host))
        {
            error = "the URI has no host.";
            return false;
        }

        var tls = uri.Scheme == "amqps";
        var user = "guest";
        var password = "guest";
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            user = Uri.UnescapeDataString(parts[0]);
            password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty;
        }

        var path = uri.AbsolutePath.Trim('/');
        var vhost = path.Length == 0 ? "/" : Uri.UnescapeDataString(path);
        address = new RabbitMqAddress(uri.Host, uri.IsDefaultPort || uri.Port <= 0 ? (tls ? 5671 : 5672) : uri.Port, vhost, user, password, tls);
        error = null;
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"{(UseTls ? "amqps" : "amqp")}://{Username}@{Host}:{Port}/{Uri.EscapeDataString(VirtualHost)}";
}
