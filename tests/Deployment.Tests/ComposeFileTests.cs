using System.Xml.Linq;
using YamlDotNet.RepresentationModel;

namespace WeeEvents.Deployment.Tests;

/// <summary>
/// docker-compose.yml cannot be run here (no Docker engine), so it is checked the way the engine would
/// read it: normalised by <c>docker-compose config</c>, then inspected.
/// </summary>
public class ComposeFileTests
{
    private static string[] Services => Compose.Services;

    private static YamlMappingNode Config => Compose.Config;

    [Fact]
    public void The_compose_file_is_valid_and_runs_the_infrastructure_four_services_and_the_console()
    {
        var services = Mapping(Config, "services");
        Assert.Equal(
            ["inventory", "jaeger", "operations-console", "order", "payment", "rabbitmq", "rabbitmq-users", "shipping", "sqlserver", "sqlserver-init", "topology"],
            services.Children.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal));
        Assert.Contains("16686:16686", Ports(Mapping(services, "jaeger")));
        Assert.NotNull(Mapping(Mapping(services, "rabbitmq"), "healthcheck"));
        Assert.NotNull(Mapping(Mapping(services, "sqlserver"), "healthcheck"));
    }

    [Theory]
    [InlineData("order")]
    [InlineData("inventory")]
    [InlineData("payment")]
    [InlineData("shipping")]
    public void Each_service_waits_for_healthy_infrastructure_and_reports_its_own_health(string name)
    {
        var service = Mapping(Mapping(Config, "services"), name);
        var dependsOn = Mapping(service, "depends_on");
        foreach (var infrastructure in new[] { "rabbitmq", "sqlserver" })
        {
            Assert.Equal("service_healthy", Mapping(dependsOn, infrastructure).Children[new YamlScalarNode("condition")].ToString());
        }

        // The broker's topology for every service is deployed before any of them publishes.
        Assert.Equal("service_completed_successfully", Mapping(dependsOn, "topology").Children[new YamlScalarNode("condition")].ToString());
        Assert.Contains("/health/ready", string.Join(' ', ((YamlSequenceNode)Mapping(service, "healthcheck").Children[new YamlScalarNode("test")]).Select(n => n.ToString())));
    }

    [Fact]
    public void Each_service_has_its_own_database_and_the_same_configuration_keys()
    {
        var databases = Services.Select(name =>
        {
            var env = Mapping(Mapping(Mapping(Config, "services"), name), "environment");
            Assert.Equal("SqlServer", env.Children[new YamlScalarNode("WeeEvents__Database__Provider")].ToString());
            Assert.Equal("RabbitMq", env.Children[new YamlScalarNode("WeeEvents__Transport")].ToString());
            Assert.Equal(name, env.Children[new YamlScalarNode("OTEL_SERVICE_NAME")].ToString());
            Assert.StartsWith("amqp://", env.Children[new YamlScalarNode("ConnectionStrings__RabbitMq")].ToString(), StringComparison.Ordinal);
            var connection = env.Children[new YamlScalarNode("ConnectionStrings__Events")].ToString();
            return connection.Split(';').Single(p => p.StartsWith("Database=", StringComparison.Ordinal));
        }).ToArray();

        Assert.Equal(Services.Length, databases.Distinct().Count());
    }

    [Fact]
    public void Every_service_checks_bearer_tokens_with_the_key_the_operator_gives_it()
    {
        foreach (var name in Services)
        {
            var env = Mapping(Mapping(Mapping(Config, "services"), name), "environment");
            Assert.Equal(Compose.SigningKey, env.Children[new YamlScalarNode("WeeEvents__Auth__SigningKeys__0")].ToString());
            Assert.Equal("weeevents", env.Children[new YamlScalarNode("WeeEvents__Auth__Audience")].ToString());
            Assert.Equal("dotnet-user-jwts", env.Children[new YamlScalarNode("WeeEvents__Auth__Issuer")].ToString());
        }
    }

    [Fact]
    public void Without_a_signing_key_the_compose_file_refuses_to_run_naming_the_variable()
    {
        var (exitCode, _, errors) = Compose.RunConfig(without: Compose.SigningKeyVariable);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(Compose.SigningKeyVariable, errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Compose.RabbitMqPasswordVariable)]
    [InlineData(Compose.SqlPasswordVariable)]
    [InlineData(Compose.KekVariable)]
    [InlineData("WEEEVENTS_RABBITMQ_ORDER_PASSWORD")]
    [InlineData("WEEEVENTS_RABBITMQ_SHIPPING_PASSWORD")]
    [InlineData("WEEEVENTS_SQL_ORDER_PASSWORD")]
    [InlineData("WEEEVENTS_SQL_INVENTORY_PASSWORD")]
    [InlineData("WEEEVENTS_SQL_PAYMENT_PASSWORD")]
    [InlineData("WEEEVENTS_SQL_SHIPPING_PASSWORD")]
    public void Without_a_secret_the_compose_file_refuses_to_run_naming_the_variable(string variable)
    {
        var (exitCode, _, errors) = Compose.RunConfig(without: variable);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(variable, errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_services_broker_user_is_created_by_the_permissions_script_before_the_service_starts()
    {
        var services = Mapping(Config, "services");
        var users = Mapping(services, "rabbitmq-users");
        Assert.Contains("/rabbitmq-users.sh", string.Join(' ', ((YamlSequenceNode)users.Children[new YamlScalarNode("entrypoint")]).Select(n => n.ToString())));
        var env = Mapping(users, "environment");
        foreach (var name in Services)
        {
            Assert.Equal(ServicePassword(name), env.Children[new YamlScalarNode($"WEEEVENTS_RABBITMQ_{name.ToUpperInvariant()}_PASSWORD")].ToString());
            var dependsOn = Mapping(Mapping(services, name), "depends_on");
            Assert.Equal("service_completed_successfully", Mapping(dependsOn, "rabbitmq-users").Children[new YamlScalarNode("condition")].ToString());
        }
    }

    [Fact]
    public void The_broker_and_the_database_are_not_published_on_host_ports_by_default()
    {
        var services = Mapping(Config, "services");
        Assert.Empty(Ports(Mapping(services, "rabbitmq")));
        Assert.Empty(Ports(Mapping(services, "sqlserver")));
    }

    [Fact]
    public void The_debugging_override_publishes_the_management_ui_and_the_database_on_this_machine_only()
    {
        var debug = File.ReadAllText(Path.Combine(Repository.Root, "docker-compose.debug.yml"));
        Assert.Contains("\"127.0.0.1:15672:15672\"", debug, StringComparison.Ordinal);
        Assert.Contains("\"127.0.0.1:1433:1433\"", debug, StringComparison.Ordinal);
        Assert.DoesNotContain("\"15672:15672\"", debug, StringComparison.Ordinal);
    }

    [Fact]
    public void No_service_uses_guest_and_every_password_comes_from_the_environment()
    {
        var compose = File.ReadAllText(Path.Combine(Repository.Root, "docker-compose.yml"));
        Assert.DoesNotContain("guest:guest", compose, StringComparison.Ordinal);
        foreach (var name in Services)
        {
            var env = Mapping(Mapping(Mapping(Config, "services"), name), "environment");
            var broker = env.Children[new YamlScalarNode("ConnectionStrings__RabbitMq")].ToString();
            Assert.Equal($"amqp://{name}:{ServicePassword(name)}@rabbitmq:5672/", broker);
            Assert.Contains($"Password={Compose.SqlLoginPassword(name)};", env.Children[new YamlScalarNode("ConnectionStrings__Events")].ToString(), StringComparison.Ordinal);
        }

        var rabbit = Mapping(Mapping(Mapping(Config, "services"), "rabbitmq"), "environment");
        Assert.Equal(Compose.RabbitMqPassword, rabbit.Children[new YamlScalarNode("RABBITMQ_DEFAULT_PASS")].ToString());
    }

    [Fact]
    public void Services_publish_host_port_ranges_so_that_they_can_scale_without_clashes()
    {
        foreach (var name in Services)
        {
            var published = Ports(Mapping(Mapping(Config, "services"), name));
            Assert.All(published, p => Assert.Matches(@"^\d+-\d+:8080$", p));
        }
    }

    [Fact]
    public void The_topology_is_deployed_by_the_admin_tool_once_the_broker_is_healthy()
    {
        var topology = Mapping(Mapping(Config, "services"), "topology");
        Assert.Equal("service_healthy", Mapping(Mapping(topology, "depends_on"), "rabbitmq").Children[new YamlScalarNode("condition")].ToString());
        Assert.Equal("topology deploy", string.Join(' ', ((YamlSequenceNode)topology.Children[new YamlScalarNode("command")]).Select(n => n.ToString())));
        var dockerfile = File.ReadAllText(Path.Combine(Repository.Root, "tools", "WeeEvents.Admin", "Dockerfile"));
        Assert.Contains("dotnet publish tools/WeeEvents.Admin/WeeEvents.Admin.csproj", dockerfile, StringComparison.Ordinal);
        Assert.Contains("WeeEvents.Admin.dll", dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public void The_console_reads_every_service_once_they_are_healthy_and_trusts_the_services_token_rules()
    {
        var console = Compose.Environment("operations-console");
        foreach (var name in Services)
        {
            Assert.Equal($"http://{name}:8080/", console[$"OperationsConsole__Services__{name}"]);
            Assert.Equal("service_healthy", Mapping(Mapping(Mapping(Mapping(Config, "services"), "operations-console"), "depends_on"), name).Children[new YamlScalarNode("condition")].ToString());
        }

        var service = Compose.Environment("order");
        foreach (var key in new[] { "WeeEvents__Auth__SigningKeys__0", "WeeEvents__Auth__Issuer", "WeeEvents__Auth__Audience" })
        {
            Assert.Equal(service[key], console[key]);
        }

        Assert.Equal($"http://weeevents:{Compose.RabbitMqPassword}@rabbitmq:15672/", console["OperationsConsole__RabbitMqManagement"]);
        Assert.False(console.ContainsKey("OperationsConsole__TokenLinks"), "a deployment never signs in from a link");
        Assert.Equal(["5140:8080"], Ports(Mapping(Mapping(Config, "services"), "operations-console")));
        var dockerfile = File.ReadAllText(Path.Combine(Repository.Root, "tools", "WeeEvents.OperationsConsole", "Dockerfile"));
        Assert.Contains("dotnet publish tools/WeeEvents.OperationsConsole/WeeEvents.OperationsConsole.csproj", dockerfile, StringComparison.Ordinal);
        Assert.Contains("\"WeeEvents.OperationsConsole.dll\"", dockerfile, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Order")]
    [InlineData("Inventory")]
    [InlineData("Payment")]
    [InlineData("Shipping")]
    public void Each_dockerfile_publishes_its_project_and_starts_its_assembly(string service)
    {
        var dockerfile = File.ReadAllText(Path.Combine(Repository.Root, "services", service, "Dockerfile"));
        var project = Path.Combine(Repository.Root, "services", service, service + ".csproj");
        Assert.True(File.Exists(project), project + " is missing");
        var assembly = XDocument.Load(project).Descendants("AssemblyName").Single().Value;

        Assert.Contains($"dotnet publish services/{service}/{service}.csproj", dockerfile, StringComparison.Ordinal);
        Assert.Contains($"\"{assembly}.dll\"", dockerfile, StringComparison.Ordinal);
    }

    private static string ServicePassword(string service) => Compose.BrokerPassword(service);

    private static YamlMappingNode Mapping(YamlMappingNode node, string key) => Compose.Mapping(node, key);

    private static string[] Ports(YamlMappingNode service) =>
        service.Children.TryGetValue(new YamlScalarNode("ports"), out var ports)
            ? ((YamlSequenceNode)ports).Select(Port).ToArray()
            : [];

    // docker-compose config writes ports in the long syntax; read them back as "published:target".
    private static string Port(YamlNode port) => port is YamlMappingNode long_
        ? $"{long_.Children[new YamlScalarNode("published")]}:{long_.Children[new YamlScalarNode("target")]}"
        : port.ToString();
}
