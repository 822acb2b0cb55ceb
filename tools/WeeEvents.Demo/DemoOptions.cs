namespace WeeEvents.Demo;

/// <summary>The broker the demo's four services talk through.</summary>
public enum DemoTransport
{
    /// <summary>MassTransit's in-memory bus: nothing to install.</summary>
    InMemory,

    /// <summary>A real RabbitMQ broker at <see cref="DemoOptions.RabbitMqUrl"/>.</summary>
    RabbitMq,
}

/// <summary>What one demo run does; <see cref="DemoCommand"/> reads it from the command line.</summary>
/// <param name="Orders">How many orders to place.</param>
/// <param name="Concurrency">How many place-order requests are in flight at once.</param>
/// <param name="Timeout">How long, from the first order, every order has to reach a terminal state and the books to settle.</param>
/// <param name="Transport">The bus; null leaves it to <c>WeeEvents:Transport</c> (in-memory when unset).</param>
/// <param name="RabbitMqUrl">The broker for <see cref="DemoTransport.RabbitMq"/>; null leaves it to <c>ConnectionStrings:RabbitMq</c>, then <see cref="DefaultRabbitMqUrl"/>.</param>
/// <param name="Urls">Where the HTTP API listens (port 0 picks a free one).</param>
/// <param name="Keep">Keep the demo's SQLite database after the run instead of deleting it.</param>
/// <param name="Serve">Keep serving the API (and /scalar) after the run until stopped.</param>
/// <param name="Configuration">Standard configuration keys given on the command line (<c>--Section:Key=value</c>).</param>
public sealed record DemoOptions(
    int Orders = DemoOptions.DefaultOrders,
    int Concurrency = DemoOptions.DefaultConcurrency,
    TimeSpan? Timeout = null,
    DemoTransport? Transport = null,
    string? RabbitMqUrl = null,
    string Urls = DemoOptions.DefaultUrls,
    bool Keep = false,
    bool Serve = false,
    IReadOnlyList<string>? Configuration = null)
{
    /// <summary>Orders placed when <c>--orders</c> is not given.</summary>
    public const int DefaultOrders = 200;

    /// <summary>Requests in flight when <c>--concurrency</c> is not given.</summary>
    public const int DefaultConcurrency = 16;

    /// <summary>Seconds allowed when <c>--timeout</c> is not given.</summary>
    public const int DefaultTimeoutSeconds = 120;

    /// <summary>The broker when <c>--rabbitmq</c> is not given.</summary>
    public const string DefaultRabbitMqUrl = "amqp://guest:guest@localhost:5672/";

    /// <summary>Where the API listens when <c>--urls</c> is not given.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5100";

    /// <summary>The effective timeout.</summary>
    public TimeSpan Deadline => Timeout ?? TimeSpan.FromSeconds(DefaultTimeoutSeconds);

    /// <summary>The configuration keys given on the command line, never null.</summary>
    public IReadOnlyList<string> ConfigurationArguments => Configuration ?? [];
}
