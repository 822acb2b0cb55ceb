using System.Text.Json;
using BenchmarkDotNet.Attributes;
using WeeEvents.Samples.BankAccount;
using WeeEvents.Samples.BankAccount.Domain;
using WeeEvents.Samples.BankAccount.Domain.Commands;

namespace WeeEvents.Benchmarks;

/// <summary>
/// One command end to end against the in-memory store: validate, load, handle, append, fold.
/// Each invocation deposits into a fresh account opened in the same iteration, so stream length stays at two.
/// </summary>
[MemoryDiagnoser]
public class CommandBenchmarks
{
    private static readonly JsonElement DepositJson = JsonDocument.Parse("""{"amount":12.5}""").RootElement.Clone();
    private IService<AccountState> _service = null!;
    private int _next;

    [GlobalSetup]
    public void Setup() => _service = BankAccountService.Description.CreateService(new InMemoryEventStore());

    [Benchmark]
    public async Task<Entity<AccountState>> OpenAndDepositTyped()
    {
        var id = BankAccountService.Description.Id((++_next).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await _service.ExecuteAsync(OpenAccount.Name, id, new OpenAccount.Command("Ada", 0m), Callers.AsService);
        return await _service.ExecuteAsync(DepositFunds.Name, id, new DepositFunds.Command(12.5m), Callers.AsService);
    }

    [Benchmark]
    public async Task<Entity<AccountState>> OpenAndDepositJson()
    {
        var id = BankAccountService.Description.Id("j" + (++_next).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await _service.ExecuteAsync(OpenAccount.Name, id, new OpenAccount.Command("Ada", 0m), Callers.AsService);
        return await _service.ExecuteAsync(DepositFunds.Name, id, DepositJson, Callers.AsService);
    }
}
