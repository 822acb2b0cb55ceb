using Microsoft.Extensions.Configuration;

namespace WeeEvents.AppHost;

/// <summary>Where the broker and the database come from: containers, the ones installed on this machine, or whichever fits.</summary>
public enum ServerChoice
{
    /// <summary>Containers when a Docker engine answers, else the installed ones (what <c>scripts/test.sh</c> does).</summary>
    Auto,

    /// <summary>RabbitMQ and PostgreSQL in containers (<c>AddRabbitMQ</c>, <c>AddPostgres</c>).</summary>
    Containers,

    /// <summary>The RabbitMQ and PostgreSQL installed on this machine, started if they are down.</summary>
    Installed,
}

/// <summary>
/// The AppHost's own settings, section <c>WeeEvents:AppHost</c> (appsettings.json, <c>WeeEvents__AppHost__…</c>, or
/// <c>--WeeEvents:AppHost:…=</c> after <c>--</c> on <c>dotnet run</c>).
/// </summary>
/// <param name="Servers">Where RabbitMQ and PostgreSQL come from.</param>
/// <param name="Instances">How many instances of a service to run (<c>Instances:Inventory=2</c>); one when unnamed.</param>
/// <param name="RunName">
/// With installed servers: the virtual host (and its users' prefix) and the prefix of the databases this run owns, made
/// fresh at every start. Two AppHosts on one machine need two names.
/// </param>
/// <param name="SigningKey">The key (base64, 32 bytes or more) that signs the run's tokens; a fresh random one when unset.</param>
public sealed record AppHostSettings(ServerChoice Servers, IReadOnlyDictionary<string, int> Instances, string RunName, string? SigningKey)
{
    /// <summary>The configuration section.</summary>
    public const string Section = "WeeEvents:AppHost";

    /// <summary>The settings in <paramref name="configuration"/>, checked.</summary>
    public static AppHostSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var servers = section["Servers"] is { Length: > 0 } named
            ? Enum.TryParse<ServerChoice>(named, ignoreCase: true, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"{Section}:Servers is '{named}'; it is Auto, Containers or Installed.")
            : ServerChoice.Auto;
        var instances = section.GetSection("Instances").GetChildren().ToDictionary(
            c => c.Key,
            c => int.TryParse(c.Value, out var n) && n is >= 1 and <= 9
                ? n
                : throw new InvalidOperationException($"{Section}:Instances:{c.Key} is '{c.Value}'; it is a number from 1 to 9."),
            StringComparer.OrdinalIgnoreCase);
        var runName = section["RunName"] is { Length: > 0 } name ? name : "weeevents-apphost";
        if (!runName.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            // It names a virtual host, broker users and databases: one alphabet that all three take unquoted.
            throw new InvalidOperationException($"{Section}:RunName is '{runName}'; it takes lower-case letters, digits and '-'.");
        }

        return new(servers, instances, runName, section["SigningKey"] is { Length: > 0 } key ? key : null);
    }

    /// <summary>How many instances of <paramref name="service"/> to run.</summary>
    public int InstancesOf(string service) => Instances.TryGetValue(service, out var n) ? n : 1;
}
