using System.Text.RegularExpressions;

namespace WeeEvents.Deployment.Tests;

/// <summary>
/// Compose fails closed: no secret has a default (a missing one stops <c>docker compose</c>, see
/// <see cref="ComposeFileTests"/>), every service gets the operator's KEK, and the services leave the exchanges they
/// consume to the topology container, which runs as the broker's administrator.
/// </summary>
public partial class FailClosedComposeTests
{
    [Fact]
    public void No_variable_of_the_compose_file_has_a_default()
    {
        var compose = File.ReadAllText(Path.Combine(Repository.Root, "docker-compose.yml"));

        // ${VAR:-default} and ${VAR-default} would let compose start on a value published in this repository.
        Assert.Empty(Defaulted().Matches(compose).Select(m => m.Value));
    }

    [Fact]
    public void Every_service_is_given_the_operators_kek_never_the_published_development_key()
    {
        var compose = File.ReadAllText(Path.Combine(Repository.Root, "docker-compose.yml"));
        Assert.DoesNotContain("ZGV2LW9ubHkta2V5LWRvLW5vdC11c2UtaW4tcHJvZCE=", compose, StringComparison.Ordinal);
        foreach (var service in Compose.Services)
        {
            var env = Compose.Environment(service);
            Assert.Equal(Compose.Kek, env["WeeEvents__Protection__KeyEncryptionKey"]);
            // Compose runs the services in Production (no ASPNETCORE_ENVIRONMENT), where the development KEK is refused.
            Assert.False(env.ContainsKey("ASPNETCORE_ENVIRONMENT"), $"{service} sets ASPNETCORE_ENVIRONMENT");
            Assert.False(env.ContainsKey("WeeEvents__Protection__UseDevelopmentKey"), $"{service} allows the development KEK");
        }
    }

    [Fact]
    public void Services_leave_the_exchanges_they_consume_to_the_topology_container_which_runs_as_the_administrator()
    {
        foreach (var service in Compose.Services)
        {
            Assert.Equal("Deployed", Compose.Environment(service)["WeeEvents__Messaging__ConsumeTopology"]);
            Assert.StartsWith($"amqp://{service}:", Compose.Environment(service)["ConnectionStrings__RabbitMq"], StringComparison.Ordinal);
        }

        Assert.StartsWith($"amqp://weeevents:{Compose.RabbitMqPassword}@", Compose.Environment("topology")["ConnectionStrings__RabbitMq"], StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\$\{[A-Za-z_][A-Za-z0-9_]*:?-[^}]*\}")]
    private static partial Regex Defaulted();
}
