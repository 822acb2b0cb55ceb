namespace WeeEvents.MassTransit.Transport;

/// <summary>Which broker carries messages (<c>WeeEvents:Transport</c>).</summary>
public enum MessagingTransport
{
    /// <summary>RabbitMQ at <c>ConnectionStrings:RabbitMq</c>: the default for services.</summary>
    RabbitMq,

    /// <summary>MassTransit's in-memory bus: the embedded single-process default.</summary>
    InMemory,
}
