namespace WeeEvents.Demo.Tests;

/// <summary>A wrong command line stops at once with a clear message and exit code 2; help explains the options.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--orders", "many", "--orders must be a whole number between 1 and 100,000; got 'many'")]
    [InlineData("--orders", "0", "--orders must be a whole number between 1")]
    [InlineData("--concurrency", "-3", "--concurrency must be a whole number between 1")]
    [InlineData("--timeout", "0", "--timeout must be a whole number between 1")]
    [InlineData("--transport", "carrier-pigeon", "carrier-pigeon")]
    [InlineData("--colour", "blue", "Unrecognized option or argument '--colour'")]
    public async Task A_bad_option_is_named_and_exits_with_the_usage_code(string option, string value, string message)
    {
        using var console = new TestConsole();

        var exit = await DemoCommand.InvokeAsync([option, value], console.Console, TestContext.Current.CancellationToken);

        Assert.Equal(DemoCommand.UsageError, exit);
        Assert.Contains(message, console.Error, StringComparison.Ordinal);
        Assert.Contains("--help", console.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("WeeEvents demo", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configuration_key_without_a_value_is_refused()
    {
        using var console = new TestConsole();

        var exit = await DemoCommand.InvokeAsync(["--ConnectionStrings:Events"], console.Console, TestContext.Current.CancellationToken);

        Assert.Equal(DemoCommand.UsageError, exit);
        Assert.Contains("--ConnectionStrings:Events=value", console.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_explains_every_option_and_the_exit_codes()
    {
        using var console = new TestConsole();

        var exit = await DemoCommand.InvokeAsync(["--help"], console.Console, TestContext.Current.CancellationToken);

        Assert.Equal(DemoCommand.Success, exit);
        foreach (var option in new[] { "--orders", "--concurrency", "--timeout", "--transport", "--rabbitmq", "--urls", "--keep", "--serve", "Exit codes" })
        {
            Assert.Contains(option, console.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_configuration_key_on_the_command_line_reaches_the_services_and_a_missing_setting_is_named()
    {
        using var console = new TestConsole();

        // Postgres chosen, but no connection string: the storage refuses to start and names the key.
        var exit = await DemoCommand.InvokeAsync(["--WeeEvents:Database:Provider=Postgres", "--urls", DemoRuns.AnyFreePort], console.Console, TestContext.Current.CancellationToken);

        Assert.Equal(DemoCommand.StartFailed, exit);
        Assert.Contains("ConnectionStrings:Events", console.Error, StringComparison.Ordinal);
    }
}
