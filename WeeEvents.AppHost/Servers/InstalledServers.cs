using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.Configuration;
using Npgsql;
using WeeEvents.AppHost.Flow;

namespace WeeEvents.AppHost.Servers;

/// <summary>
/// The RabbitMQ and PostgreSQL installed on this machine, as <c>scripts/test.sh</c> uses them: started (and installed
/// from Debian's packages when missing) by <c>scripts/services.sh</c> when the AppHost runs as root; reached at
/// <c>POSTGRES_CONNECTION</c>, <c>RABBITMQ_URL</c> and <c>RABBITMQ_MANAGEMENT_URL</c> when those are set. The run gets a
/// virtual host and four databases of its own, made fresh at every start: the run's keys are new, so what an earlier
/// run encrypted could not be read anyway.
/// </summary>
public static class InstalledServers
{
    private const string DefaultPostgres = "Host=127.0.0.1;Port=5432;Username=weeevents;Password=weeevents;Database=postgres";
    private const string DefaultRabbitMq = "amqp://guest:guest@127.0.0.1:5672/";

    /// <summary>Starts what is down, makes the run's virtual host and databases fresh, and says how to reach them.</summary>
    public static async Task<BackingServers> PrepareAsync(IConfiguration configuration, AppHostSettings settings, string repositoryRoot, CancellationToken cancellationToken)
    {
        await StartAsync(repositoryRoot, cancellationToken);
        var postgres = new NpgsqlConnectionStringBuilder(configuration["POSTGRES_CONNECTION"] is { Length: > 0 } p ? p : DefaultPostgres);
        var amqp = new Uri(configuration["RABBITMQ_URL"] is { Length: > 0 } r ? r : DefaultRabbitMq);
        var management = new Uri(configuration["RABBITMQ_MANAGEMENT_URL"] is { Length: > 0 } m ? m : $"http://{amqp.UserInfo}@{amqp.Host}:15672/");
        var administrator = management.UserInfo.Length > 0 ? management.UserInfo : amqp.UserInfo;
        var virtualHost = settings.RunName;
        await FreshVirtualHostAsync(management, administrator, virtualHost, cancellationToken);
        var databasePrefix = settings.RunName.Replace('-', '_');
        await FreshDatabasesAsync(postgres, databasePrefix, cancellationToken);
        return new BackingServers
        {
            Description = $"RabbitMQ and PostgreSQL installed on this machine: virtual host {virtualHost} at {amqp.Host}:{amqp.Port}, databases {databasePrefix}_* at {postgres.Host}:{postgres.Port}",
            BrokerHostAndPort = ReferenceExpression.Create($"{amqp.Host}:{amqp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}"),
            BrokerAdministrator = ReferenceExpression.Create($"{administrator}"),
            BrokerManagement = ReferenceExpression.Create($"{management.GetLeftPart(UriPartial.Scheme)}{administrator}@{management.Authority}"),
            VirtualHost = virtualHost,
            UserPrefix = virtualHost + "-",
            Broker = [],
            Database = s =>
            {
                var connection = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Database = $"{databasePrefix}_{s.Name}" }.ConnectionString;
                return (ReferenceExpression.Create($"{connection}"), null);
            },
        };
    }

    /// <summary>What <c>scripts/test.sh</c> does before the tests: start PostgreSQL and RabbitMQ if they are down (root only).</summary>
    private static async Task StartAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        if (!string.Equals(Environment.UserName, "root", StringComparison.Ordinal))
        {
            Console.WriteLine("[apphost] not root: using POSTGRES_CONNECTION / RABBITMQ_URL as set, or the defaults on 127.0.0.1");
            return;
        }

        // Its output (what it installs or starts) goes straight to this console.
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", ". scripts/services.sh && ensure_postgres && ensure_rabbitmq"])
        {
            WorkingDirectory = repositoryRoot,
        }) ?? throw new InvalidOperationException("bash did not start.");
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/services.sh could not start PostgreSQL and RabbitMQ (exit code {process.ExitCode}).");
        }
    }

    private static async Task FreshVirtualHostAsync(Uri management, string administrator, string virtualHost, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = new Uri(management.GetLeftPart(UriPartial.Authority) + "/api/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(administrator))));
        var name = Uri.EscapeDataString(virtualHost);
        using (var deleted = await client.DeleteAsync($"vhosts/{name}", cancellationToken))
        {
            if (deleted.StatusCode != HttpStatusCode.NotFound)
            {
                deleted.EnsureSuccessStatusCode();
            }
        }

        (await client.PutAsync($"vhosts/{name}", null, cancellationToken)).EnsureSuccessStatusCode();
        var user = Uri.EscapeDataString(Uri.UnescapeDataString(administrator.Split(':')[0]));
        (await client.PutAsJsonAsync($"permissions/{name}/{user}", new { configure = ".*", write = ".*", read = ".*" }, cancellationToken))
            .EnsureSuccessStatusCode();
    }

    private static async Task FreshDatabasesAsync(NpgsqlConnectionStringBuilder server, string prefix, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        foreach (var service in FlowService.All)
        {
            // The names are made of the run's name (checked: letters, digits, '_') and the service's.
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{prefix}_{service.Name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{prefix}_{service.Name}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
