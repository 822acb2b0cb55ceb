namespace WeeEvents.MassTransit.Transport;

/// <summary>The transport settings as configured, checked at start-up by <see cref="TransportOptionsValidator"/>.</summary>
public sealed class TransportOptions
{
    /// <summary>
    /// The section these options bind from: the root of WeeEvents' settings, whose one key of theirs is
    /// <see cref="Transport"/> (<see cref="TransportKey"/>); the RabbitMQ address is a connection string
    /// (<see cref="RabbitMqKey"/>), outside it.
    /// </summary>
    public const string Section = "WeeEvents";

    /// <summary>The key that chooses the transport.</summary>
    public const string TransportKey = Section + ":" + nameof(Transport);

    /// <summary>The key of the RabbitMQ connection string.</summary>
    public const string RabbitMqKey = "ConnectionStrings:RabbitMq";

    /// <summary>The raw <c>WeeEvents:Transport</c> value.</summary>
    public string? Transport { get; set; }

    /// <summary>The transport used when <see cref="Transport"/> is not set.</summary>
    public MessagingTransport DefaultTransport { get; set; } = MessagingTransport.RabbitMq;

    /// <summary>The raw <c>ConnectionStrings:RabbitMq</c> value: <c>amqp://user:password@host:5672/vhost</c>.</summary>
    public string? RabbitMq { get; set; }

    /// <summary>The transport to use, when <see cref="Transport"/> is empty or names one.</summary>
    public MessagingTransport? Resolve() =>
        string.IsNullOrWhiteSpace(Transport) ? DefaultTransport
        : Enum.TryParse<MessagingTransport>(Transport.Trim(), ignoreCase: true, out var t) && Enum.IsDefined(t) ? t
        : null;
}
