using System.CommandLine;
using System.CommandLine.Parsing;
using Spectre.Console;

namespace WeeEvents.Demo;

/// <summary>Where the demo writes: the rich console for progress and tables, plain writers for help and errors.</summary>
/// <param name="Ansi">Progress bar, tables and checks.</param>
/// <param name="Out">Help text.</param>
/// <param name="Error">Usage and start-up errors.</param>
public sealed record DemoConsole(IAnsiConsole Ansi, TextWriter Out, TextWriter Error)
{
    /// <summary>The process's own console; redirected output gets 120 columns, so the tables do not wrap at 80.</summary>
    public static DemoConsole System
    {
        get
        {
            var ansi = AnsiConsole.Console;
            if (Console.IsOutputRedirected)
            {
                ansi.Profile.Width = Math.Max(ansi.Profile.Width, 120);
            }

            return new DemoConsole(ansi, Console.Out, Console.Error);
        }
    }
}

/// <summary>The demo's command line: options, <c>--help</c>, and exit codes.</summary>
public static class DemoCommand
{
    /// <summary>Every check held.</summary>
    public const int Success = 0;

    /// <summary>The run finished but a check failed: an order short of a terminal state, or stock or money that does not add up.</summary>
    public const int ChecksFailed = 1;

    /// <summary>The command line was wrong.</summary>
    public const int UsageError = 2;

    /// <summary>The system did not start (a setting, the database or the broker).</summary>
    public const int StartFailed = 3;

    /// <summary>Interrupted (Ctrl+C).</summary>
    public const int Interrupted = 130;

    private static readonly Option<int> Orders = Positive("--orders", DemoOptions.DefaultOrders, "How many orders to place.", 100_000);
    private static readonly Option<int> Concurrency = Positive("--concurrency", DemoOptions.DefaultConcurrency, "How many place-order requests are in flight at once.", 1_024);
    private static readonly Option<int> Timeout = Positive("--timeout", DemoOptions.DefaultTimeoutSeconds, "Seconds, from the first order, for every order to reach a terminal state and for stock and payments to settle.", 86_400);

    private static readonly Option<DemoTransport?> Transport = new("--transport")
    {
        Description = "The bus: InMemory (default, nothing to install) or RabbitMq (a real broker at --rabbitmq). Unset, WeeEvents:Transport decides.",
        HelpName = "inmemory|rabbitmq",
    };

    private static readonly Option<string> RabbitMq = new("--rabbitmq")
    {
        Description = $"The RabbitMQ broker for --transport rabbitmq [default: ConnectionStrings:RabbitMq, else {DemoOptions.DefaultRabbitMqUrl}]",
        HelpName = "amqp-url",
    };

    private static readonly Option<string> Urls = new("--urls")
    {
        Description = "Where the HTTP API (and /scalar) listens; port 0 picks a free port.",
        HelpName = "url",
        DefaultValueFactory = _ => DemoOptions.DefaultUrls,
    };

    private static readonly Option<bool> Keep = new("--keep")
    {
        Description = "Keep the demo's SQLite database after the run (its path is printed) instead of deleting it.",
    };

    private static readonly Option<bool> Serve = new("--serve")
    {
        Description = "Keep serving the four services' API and /scalar after the run, until Ctrl+C.",
    };

    /// <summary>Parses <paramref name="args"/>, runs the demo, and returns the process exit code.</summary>
    public static async Task<int> InvokeAsync(IReadOnlyList<string> args, DemoConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var root = CreateRoot();
        var parsed = root.Parse(args);
        var invocation = new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false };
        if (parsed.Errors.Count == 0 && parsed.Action is not null)
        {
            // --help or --version: System.CommandLine answers them.
            return await parsed.InvokeAsync(invocation, cancellationToken);
        }

        var errors = parsed.Errors.Select(e => e.Message).ToList();
        var configuration = ConfigurationArguments(parsed.UnmatchedTokens, errors);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                await console.Error.WriteLineAsync(error);
            }

            await console.Error.WriteLineAsync("Run with --help to see the options.");
            return UsageError;
        }

        var options = new DemoOptions(
            parsed.GetValue(Orders),
            parsed.GetValue(Concurrency),
            TimeSpan.FromSeconds(parsed.GetValue(Timeout)),
            parsed.GetValue(Transport),
            parsed.GetValue(RabbitMq),
            parsed.GetValue(Urls) ?? DemoOptions.DefaultUrls,
            parsed.GetValue(Keep),
            parsed.GetValue(Serve),
            configuration);
        return await DemoRun.RunToExitCodeAsync(options, console, cancellationToken);
    }

    private static RootCommand CreateRoot()
    {
        var root = new RootCommand(
            "WeeEvents demo: the Order, Inventory, Payment and Shipping services in one process (SQLite and the in-memory bus " +
            "unless told otherwise). It restocks a set of SKUs and places orders through its own HTTP API - approved, declined, " +
            "flaky, out-of-stock, unknown-SKU and customer-cancelled ones - shows them flow, then checks that every order reached " +
            "a terminal state, that stock adds up for every SKU and that no money was kept for an order that did not complete. " +
            "Standard configuration keys may be given as --Section:Key=value (or as environment variables, Section__Key), e.g. " +
            "--WeeEvents:Database:Provider=Postgres --ConnectionStrings:Events=\"Host=...\". " +
            "Exit codes: 0 every check held; 1 a check failed; 2 bad command line; 3 the system did not start; 130 interrupted.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.Options.Add(Orders);
        root.Options.Add(Concurrency);
        root.Options.Add(Timeout);
        root.Options.Add(Transport);
        root.Options.Add(RabbitMq);
        root.Options.Add(Urls);
        root.Options.Add(Keep);
        root.Options.Add(Serve);
        return root;
    }

    /// <summary>
    /// Unmatched tokens are allowed only as configuration keys: <c>--Section:Key=value</c> or <c>--Section:Key value</c>.
    /// Anything else is an unknown option, reported rather than silently ignored.
    /// </summary>
    private static List<string> ConfigurationArguments(IReadOnlyList<string> tokens, List<string> errors)
    {
        var configuration = new List<string>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var name = token.StartsWith("--", StringComparison.Ordinal) ? token[2..].Split('=', 2)[0] : string.Empty;
            if (!name.Contains(':', StringComparison.Ordinal) || name.StartsWith(':') || name.EndsWith(':'))
            {
                errors.Add($"Unrecognized option or argument '{token}'.");
                continue;
            }

            if (token.Contains('=', StringComparison.Ordinal))
            {
                configuration.Add(token);
            }
            else if (i + 1 < tokens.Count && !tokens[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                configuration.Add($"{token}={tokens[++i]}");
            }
            else
            {
                errors.Add($"Configuration key '{token}' has no value: write {token}=value.");
            }
        }

        return configuration;
    }

    private static Option<int> Positive(string name, int defaultValue, string description, int maximum) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        HelpName = "n",
        CustomParser = result =>
        {
            var token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            if (int.TryParse(token, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= maximum)
            {
                return value;
            }

            result.AddError($"{name} must be a whole number between 1 and {maximum:N0}; got '{token}'.");
            return defaultValue;
        },
    };
}
