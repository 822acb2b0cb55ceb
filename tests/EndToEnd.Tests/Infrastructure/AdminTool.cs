using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace WeeEvents.EndToEnd.Tests.Infrastructure;

/// <summary>The operator's tool (<c>tools/WeeEvents.Admin</c>) run as its own process against one order system's broker.</summary>
public static class AdminTool
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs <c>WeeEvents.Admin <paramref name="args"/> --rabbitmq {vhost}</c> and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(VirtualHost virtualHost, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "WeeEvents.Admin.dll"), .. args, "--rabbitmq", virtualHost.AmqpUrl.ToString()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The admin tool did not start.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Timeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    /// <summary>Runs the tool and fails unless it exits with 0.</summary>
    public static async Task<string> RunOkAsync(VirtualHost virtualHost, params string[] args)
    {
        var (exitCode, output) = await RunAsync(virtualHost, args);
        Assert.True(exitCode == 0, $"WeeEvents.Admin {string.Join(' ', args)} exited with {exitCode}:\n{output}");
        return output;
    }

    /// <summary>How many messages wait in <paramref name="queue"/> (0 when it does not exist), asked over AMQP: the management API's counts lag.</summary>
    public static async Task<uint> ReadyAsync(VirtualHost virtualHost, string queue)
    {
        var factory = new ConnectionFactory { Uri = virtualHost.AmqpUrl };
        await using var connection = await factory.CreateConnectionAsync(TestContext.Current.CancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: TestContext.Current.CancellationToken);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, TestContext.Current.CancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException)
        {
            return 0;
        }
    }

    /// <summary>Waits until <paramref name="queue"/> holds at least <paramref name="count"/> messages.</summary>
    public static async Task AwaitReadyAsync(VirtualHost virtualHost, string queue, uint count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        uint ready;
        while ((ready = await ReadyAsync(virtualHost, queue)) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{queue} holds {ready} message(s), not {count}, after {timeout}.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
