using System.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace WeeEvents.Deployment.Tests;

/// <summary>
/// docker-compose.yml as the engine reads it (normalised by <c>docker-compose config</c>), with every secret it asks
/// for set to a test value, or one of them left out.
/// </summary>
internal static class Compose
{
    public static readonly string[] Services = ["order", "inventory", "payment", "shipping"];

    public const string SigningKeyVariable = "WEEEVENTS_AUTH_SIGNING_KEY";
    public const string SigningKey = "dGVzdC1vbmx5LXNpZ25pbmcta2V5LW9mLTMyLWJ5dGVzIQ==";
    public const string KekVariable = "WEEEVENTS_PROTECTION_KEK";
    public const string Kek = "dGVzdC1vbmx5LWtleS1lbmNyeXB0aW9uLWtleS0zMiE=";
    public const string RabbitMqPasswordVariable = "WEEEVENTS_RABBITMQ_PASSWORD";
    public const string SqlPasswordVariable = "WEEEVENTS_SQL_PASSWORD";
    public const string RabbitMqPassword = "test-only-broker-password";
    public const string SqlPassword = "Test-only-sql-password-1";

    /// <summary>The file as configured with every secret set.</summary>
    public static YamlMappingNode Config => LazyConfig.Value;

    private static readonly Lazy<YamlMappingNode> LazyConfig = new(() =>
    {
        var (exitCode, output, errors) = RunConfig();
        Assert.True(exitCode == 0, "docker-compose config failed: " + errors);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(output));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    });

    /// <summary>The variable holding <paramref name="service"/>'s broker password.</summary>
    public static string BrokerPasswordVariable(string service) => $"WEEEVENTS_RABBITMQ_{service.ToUpperInvariant()}_PASSWORD";

    /// <summary>The variable holding the password of <paramref name="service"/>'s SQL Server login.</summary>
    public static string SqlLoginPasswordVariable(string service) => $"WEEEVENTS_SQL_{service.ToUpperInvariant()}_PASSWORD";

    /// <summary>The test value of <paramref name="service"/>'s broker password.</summary>
    public static string BrokerPassword(string service) => $"test-only-{service}-password";

    /// <summary>The test value of <paramref name="service"/>'s SQL Server password (the server's password policy in mind).</summary>
    public static string SqlLoginPassword(string service) => $"Test-only-{service}-sql-1";

    /// <summary>Every variable the file asks for, with its test value.</summary>
    public static Dictionary<string, string> Secrets()
    {
        var secrets = new Dictionary<string, string>
        {
            [SigningKeyVariable] = SigningKey,
            [KekVariable] = Kek,
            [RabbitMqPasswordVariable] = RabbitMqPassword,
            [SqlPasswordVariable] = SqlPassword,
        };
        foreach (var name in Services)
        {
            secrets[BrokerPasswordVariable(name)] = BrokerPassword(name);
            secrets[SqlLoginPasswordVariable(name)] = SqlLoginPassword(name);
        }

        return secrets;
    }

    /// <summary>Runs <c>docker-compose config</c> with every secret set but <paramref name="without"/>.</summary>
    public static (int ExitCode, string Output, string Errors) RunConfig(string? without = null)
    {
        var start = new ProcessStartInfo("docker-compose", ["-f", Path.Combine(Repository.Root, "docker-compose.yml"), "config"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        foreach (var (variable, value) in Secrets())
        {
            start.Environment[variable] = value;
        }

        if (without is not null)
        {
            start.Environment.Remove(without);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("docker-compose is not installed: scripts/test.sh installs Debian's docker-compose package.", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Result, errors);
        }
    }

    /// <summary>A compose service's definition.</summary>
    public static YamlMappingNode Service(string name) => Mapping(Mapping(Config, "services"), name);

    /// <summary>A compose service's environment, as strings.</summary>
    public static IReadOnlyDictionary<string, string> Environment(string name) =>
        Mapping(Service(name), "environment").Children.ToDictionary(c => c.Key.ToString(), c => c.Value.ToString());

    public static YamlMappingNode Mapping(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child)
            ? (YamlMappingNode)child
            : throw new Xunit.Sdk.XunitException($"'{key}' is missing from the compose file");

    /// <summary>The parts of a connection string (<c>key=value;…</c>) by key, case-insensitively.</summary>
    public static IReadOnlyDictionary<string, string> ConnectionParts(string connectionString) =>
        connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0].Trim(), p => p.ElementAtOrDefault(1)?.Trim() ?? "", StringComparer.OrdinalIgnoreCase);
}
