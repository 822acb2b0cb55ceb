using System.CommandLine;
using Microsoft.Extensions.Configuration;
using RabbitMQ.Client.Exceptions;
using Spectre.Console;
using WeeEvents.Admin.Parked;
using WeeEvents.Admin.Topology;
using WeeEvents.MassTransit.Routing;
using WeeEvents.MassTransit.Transport;

namespace WeeEvents.Admin;

/// <summary>The tool's command line: <c>parked list</c>, <c>parked return</c>, <c>topology deploy</c>, and their exit codes.</summary>
public static class AdminCommand
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>Nothing matched: no such queue, or no parked message with that id.</summary>
    public const int NothingMatched = 1;

    /// <summary>The command line was wrong.</summary>
    public const int UsageError = 2;

    /// <summary>The broker could not be reached or refused the operation.</summary>
    public const int BrokerFailed = 3;

    private const string DefaultRabbitMq = "amqp://guest:guest@localhost:5672/";

    private static readonly Option<string> RabbitMq = new("--rabbitmq")
    {
        Description = $"The broker, as the services are configured [default: ConnectionStrings:RabbitMq (ConnectionStrings__RabbitMq), else {DefaultRabbitMq}]",
        HelpName = "amqp-url",
        Recursive = true,
    };

    /// <summary>Parses <paramref name="args"/>, runs the command and returns the process exit code.</summary>
    public static async Task<int> InvokeAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var root = new RootCommand("WeeEvents operations: parked messages and the broker's topology.") { Parked(), TopologyCommand(), KeysCommand() };
        root.Options.Add(RabbitMq);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync(error.Message);
            }

            await Console.Error.WriteLineAsync("Run with --help to see the commands.");
            return UsageError;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (Exception e) when (e is BrokerUnreachableException or OperationInterruptedException or AlreadyClosedException or RabbitMQ.Client.Exceptions.PublishException)
        {
            await Console.Error.WriteLineAsync($"The broker refused or could not be reached: {e.Message}");
            return BrokerFailed;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return UsageError;
        }
    }

    private static Command Parked()
    {
        var queue = new Option<string>("--queue") { Description = "Only this error queue (x_error, or the route x).", HelpName = "queue" };
        var limit = new Option<int>("--limit") { Description = "At most this many messages shown per queue.", DefaultValueFactory = _ => 50 };
        var list = new Command("list", "Lists each route's _error queue with its parked messages and why they were parked.") { queue, limit };
        list.SetAction((parse, ct) => ParkedCommands.ListAsync(Broker(parse), parse.GetValue(queue), Math.Max(1, parse.GetValue(limit)), ct));

        var from = new Argument<string>("queue") { Description = "The error queue (x_error, or the route x) whose messages go back to x." };
        var messageId = new Option<string>("--message-id") { Description = "Return only this message.", HelpName = "id" };
        var all = new Option<bool>("--all") { Description = "Return every message in the queue." };
        var back = new Command("return", "Moves parked messages back to the queue they came from, once their cause is fixed.") { from, messageId, all };
        back.Validators.Add(result =>
        {
            if ((result.GetValue(messageId) is { Length: > 0 }) == result.GetValue(all))
            {
                result.AddError("Give exactly one of --message-id or --all.");
            }
        });
        back.SetAction((parse, ct) => ParkedCommands.ReturnAsync(Broker(parse), parse.GetValue(from)!, parse.GetValue(messageId), ct));

        return new Command("parked", "Messages a route gave up on (its _error queue).") { list, back };
    }

    private static Command TopologyCommand()
    {
        var queueType = new Option<string>("--queue-type")
        {
            Description = "Classic or Quorum, as the services' WeeEvents:Messaging:QueueType [default: that setting, else Classic]",
            HelpName = "classic|quorum",
        };
        var deploy = new Command("deploy", "Declares every service's route queues and their bindings, so nothing published before a consumer first starts is lost.") { queueType };
        deploy.SetAction(async (parse, ct) =>
        {
            var configuration = Configuration(parse, parse.GetValue(queueType));
            var routes = await AnsiConsole.Status().StartAsync("Declaring queues, exchanges and bindings…", _ => TopologyDeployment.DeployAsync(configuration, ct));
            AnsiConsole.MarkupLine($"Declared {routes.Count} route queues and their bindings ({Markup.Escape(configuration[$"{ConsumerOptions.Section}:QueueType"] ?? "Classic")}).");
            return Success;
        });
        return new Command("topology", "The broker's queues, exchanges and bindings.") { deploy };
    }

    private static Command KeysCommand()
    {
        var connection = new Option<string>("--connection") { Description = "The service's database [default: ConnectionStrings:Events]", HelpName = "connection-string" };
        var provider = new Option<string>("--provider") { Description = "Postgres, SqlServer or Sqlite [default: WeeEvents:Database:Provider]", HelpName = "provider" };
        var rotate = new Command(
            "rotate",
            "Re-wraps every data key of one service's database with the current key-encryption key (WeeEvents:Protection:KeyEncryptionKey), " +
            "unwrapping with the old one under WeeEvents:Protection:PreviousKeys; events are not touched. Afterwards the old KEK can be removed.")
        { connection, provider };
        rotate.SetAction((parse, ct) =>
        {
            var overrides = new Dictionary<string, string?>();
            if (parse.GetValue(connection) is { Length: > 0 } c)
            {
                overrides["ConnectionStrings:Events"] = c;
            }

            if (parse.GetValue(provider) is { Length: > 0 } p)
            {
                overrides["WeeEvents:Database:Provider"] = p;
            }

            var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(overrides).Build();
            return Keys.KeyCommands.RotateAsync(configuration, ct);
        });
        return new Command("keys", "The data keys that encrypt personal data, and their key-encryption key.") { rotate };
    }

    // The same keys a service reads (environment variables included), with the command line's --rabbitmq first.
    private static IConfiguration Configuration(ParseResult parse, string? queueType = null)
    {
        var builder = new ConfigurationBuilder().AddEnvironmentVariables();
        var overrides = new Dictionary<string, string?> { [TransportOptions.TransportKey] = nameof(MessagingTransport.RabbitMq) };
        if (parse.GetValue(RabbitMq) is { Length: > 0 } url)
        {
            overrides[TransportOptions.RabbitMqKey] = url;
        }

        if (!string.IsNullOrWhiteSpace(queueType))
        {
            overrides[$"{ConsumerOptions.Section}:QueueType"] = queueType;
        }

        var configuration = builder.AddInMemoryCollection(overrides).Build();
        if (string.IsNullOrWhiteSpace(configuration[TransportOptions.RabbitMqKey]))
        {
            configuration[TransportOptions.RabbitMqKey] = DefaultRabbitMq;
        }

        return configuration;
    }

    private static Uri Broker(ParseResult parse)
    {
        var value = Configuration(parse)[TransportOptions.RabbitMqKey];
        return RabbitMqAddress.TryParse(value, out _, out var error)
            ? new Uri(value!)
            : throw new Microsoft.Extensions.Options.OptionsValidationException(TransportOptions.RabbitMqKey, typeof(TransportOptions), [$"{TransportOptions.RabbitMqKey} (or --rabbitmq) is not usable: {error}"]);
    }
}
