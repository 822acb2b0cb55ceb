namespace WeeEvents.OperationsConsole;

/// <summary>
/// Where the console finds what it reads (<c>OperationsConsole</c> section): each service's HTTP API, RabbitMQ's
/// management API, and how operators sign in. The broker's AMQP URL is <c>ConnectionStrings:RabbitMq</c>, as for the
/// services and the admin tool; the token rules are the services' <c>WeeEvents:Auth</c>.
/// </summary>
public sealed class ConsoleOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "OperationsConsole";

    /// <summary>Each service's base address by name (<c>order</c>, <c>inventory</c>, <c>payment</c>, <c>shipping</c>).</summary>
    public Dictionary<string, Uri> Services { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>RabbitMQ's management API with a monitoring user's credentials (<c>http://user:password@host:15672/</c>).</summary>
    public Uri? RabbitMqManagement { get; set; }

    /// <summary>
    /// Whether <c>GET /signin/token?token=…</c> signs an operator in from a link: for the embedded demo and tests on
    /// one machine only, since a token in an address ends up in histories and logs. Off by default.
    /// </summary>
    public bool TokenLinks { get; set; }

    /// <summary>Sign-in by OpenID Connect against <c>WeeEvents:Auth:Authority</c>; unset, operators paste a token.</summary>
    public OpenIdConnectSettings? OpenIdConnect { get; set; }

    /// <summary>How many messages of each error queue the failed-messages page reads.</summary>
    public int ParkedPerQueue { get; set; } = 500;
}

/// <summary>The console's client at the authority the services trust.</summary>
public sealed class OpenIdConnectSettings
{
    /// <summary>The console's client id.</summary>
    public string? ClientId { get; set; }

    /// <summary>Its secret.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Scopes to ask for beyond <c>openid profile</c>: those the services' audience needs.</summary>
    public IList<string> Scopes { get; } = [];
}
