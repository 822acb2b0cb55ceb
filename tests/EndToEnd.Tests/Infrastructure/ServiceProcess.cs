using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WeeEvents.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One service as it is deployed: its own process (<c>dotnet WeeEvents.Services.X.dll</c>, the build copied next to the
/// tests), configured only through the environment variables of DESIGN.md, on a port of its own.
/// </summary>
public sealed class ServiceProcess : IRunningService
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly StringBuilder _output;

    private ServiceProcess(FlowService service, Process process, StringBuilder output, Uri address)
    {
        Service = service;
        _process = process;
        _output = output;
        Http = TestTokens.Authorize(new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) });
    }

    public FlowService Service { get; }

    public HttpClient Http { get; }

    /// <summary>Starts the service from the build in <paramref name="buildDirectory"/> (another release's, for example).</summary>
    public static async Task<ServiceProcess> StartAsync(
        FlowService service,
        ServiceDatabase database,
        VirtualHost virtualHost,
        string directory,
        string buildDirectory,
        CancellationToken cancellationToken,
        IEnumerable<KeyValuePair<string, string?>>? settings = null,
        ServiceLog? serviceLog = null)
    {
        // A free port is chosen here and bound by the service a moment later; in between, any process (or an outgoing
        // connection's ephemeral port) may take it. The service then exits naming the address, and is started again on
        // another port.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(service, database, virtualHost, directory, buildDirectory, settings, serviceLog, cancellationToken);
            }
            catch (PortTakenException) when (attempt < 3)
            {
            }
        }
    }

    private static async Task<ServiceProcess> StartOnceAsync(
        FlowService service,
        ServiceDatabase database,
        VirtualHost virtualHost,
        string directory,
        string buildDirectory,
        IEnumerable<KeyValuePair<string, string?>>? settings,
        ServiceLog? serviceLog,
        CancellationToken cancellationToken)
    {
        var assembly = Path.Combine(buildDirectory, $"WeeEvents.Services.{service}.dll");
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet", [assembly])
        {
            // An empty working directory: the content root, so the appsettings.json copied next to the tests stays out.
            WorkingDirectory = Directory.CreateDirectory(Path.Combine(directory, service + "-process")).FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in database.Settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach (var (key, value) in TestTokens.Settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["WeeEvents__Transport"] = "RabbitMq";
        foreach (var (key, value) in TestKek.Settings) // personal data encrypted, as in production
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["ConnectionStrings__RabbitMq"] = virtualHost.AmqpUrlFor(service).ToString();
        foreach (var (key, value) in ServiceWiring.Deployed)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command"] = "None";
        start.Environment["Logging__LogLevel__Microsoft.EntityFrameworkCore.Update"] = "None";
        foreach (var (key, value) in settings ?? [])
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var output = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{service} did not start.");
        var log = LogFileFor(service, process.Id);
        // What the process logs (warnings and above) also goes to the system's log, which a failing test prints.
        void Received(string? line)
        {
            Append(output, log, line);
            if (line is not null)
            {
                serviceLog?.Append(service, line);
            }
        }

        process.OutputDataReceived += (_, e) => Received(e.Data);
        process.ErrorDataReceived += (_, e) => Received(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var running = new ServiceProcess(service, process, output, address);
        try
        {
            await running.AwaitReadyAsync(cancellationToken);
            return running;
        }
        catch
        {
            await running.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task AwaitReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit(); // the rest of its output, read asynchronously
                if (Output().Contains("address already in use", StringComparison.OrdinalIgnoreCase))
                {
                    throw new PortTakenException($"{Service} could not bind its port:\n{Output()}");
                }

                throw new InvalidOperationException($"{Service} exited with {_process.ExitCode} before it was ready:\n{Output()}");
            }

            try
            {
                using var response = await Http.GetAsync("/health/ready", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }

        throw new TimeoutException($"{Service} was not ready within {StartTimeout}:\n{Output()}");
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static void Append(StringBuilder output, string? log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
            if (log is not null)
            {
                File.AppendAllText(log, $"{DateTime.UtcNow:HH:mm:ss.fff} {line}{Environment.NewLine}");
            }
        }
    }

    /// <summary>
    /// Where the process's output is kept when <c>WEEEVENTS_E2E_LOGS</c> names a folder (one file per process, each
    /// line timed): for reading what the services said in a run that failed; null otherwise.
    /// </summary>
    private static string? LogFileFor(FlowService service, int processId) =>
        Environment.GetEnvironmentVariable("WEEEVENTS_E2E_LOGS") is { Length: > 0 } folder
            ? Path.Combine(Directory.CreateDirectory(folder).FullName, $"{service}-{processId}.log")
            : null;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class PortTakenException(string message) : Exception(message);
}
