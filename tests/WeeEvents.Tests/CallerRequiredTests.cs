using System.Reflection;
using WeeEvents.Samples.BankAccount.Domain.Commands;
using WeeEvents.Telemetry;

namespace WeeEvents.Tests;

/// <summary>
/// A command always names who sends it: <c>options</c> is a required parameter of every <c>ExecuteAsync</c> (leaving it
/// out does not compile), and a null one, or options naming no caller, is refused before anything is read or written.
/// Nothing runs as "the service" because its caller was forgotten.
/// </summary>
public class CallerRequiredTests
{
    public static TheoryData<bool> Telemetry => new() { true, false };

    [Fact]
    public void Every_execute_takes_its_options_as_a_required_parameter()
    {
        var executes = typeof(IService<>).GetMethods().Where(m => m.Name == nameof(IService<int>.ExecuteAsync)).ToArray();

        Assert.Equal(2, executes.Length);
        Assert.All(executes, m =>
        {
            var options = Assert.Single(m.GetParameters(), p => p.ParameterType == typeof(CommandOptions));
            Assert.False(options.IsOptional, $"{m} lets a caller leave out who sends the command");
            Assert.Equal(NullabilityState.NotNull, new NullabilityInfoContext().Create(options).ReadState);
        });
    }

    [Theory]
    [MemberData(nameof(Telemetry))]
    public async Task A_command_without_options_is_refused_and_writes_nothing(bool traced)
    {
        var (store, service) = Bank.Create(new ServiceOptions { Telemetry = new WeeEventsTelemetryOptions { Enabled = traced } });
        var id = Bank.Description.Id("a");

        await Assert.ThrowsAsync<ArgumentNullException>(() => service.ExecuteAsync(OpenAccount.Name, id, new OpenAccount.Command("Ada", 1m), null!, TestContext.Current.CancellationToken));

        Assert.Empty(await store.LoadAsync(id, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Telemetry))]
    public async Task A_command_whose_options_name_no_caller_is_refused_and_writes_nothing(bool traced)
    {
        var (store, service) = Bank.Create(new ServiceOptions { Telemetry = new WeeEventsTelemetryOptions { Enabled = traced } });
        var id = Bank.Description.Id("a");

        var refused = await Assert.ThrowsAsync<ArgumentException>(() =>
            service.ExecuteAsync(OpenAccount.Name, id, new OpenAccount.Command("Ada", 1m), new CommandOptions { Caller = null! }, TestContext.Current.CancellationToken));

        Assert.Contains("CommandOptions.Caller", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await store.LoadAsync(id, cancellationToken: TestContext.Current.CancellationToken));
    }
}
