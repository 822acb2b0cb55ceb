using System.Collections.Concurrent;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using WeeEvents.Protection;

namespace WeeEvents.Benchmarks;

/// <summary>
/// The cost personal-data protection adds to one event: an order-placed-sized record with five personal fields,
/// encrypted on append and decrypted on load, with the customer's data key already in memory (the steady state).
/// <c>Plain</c> is the same event with protection off, the baseline.
/// </summary>
[MemoryDiagnoser]
public class ProtectionBenchmarks
{
    public sealed record Address([property: PersonalData] string Name, [property: PersonalData] string Line1, [property: PersonalData] string City, [property: PersonalData] string PostalCode, string Country);

    public sealed record Line(string Sku, int Quantity, decimal UnitPrice);

    public sealed record Placed([property: DataSubject] string CustomerId, string Currency, IReadOnlyList<Line> Lines, Address ShippingAddress, [property: PersonalData] string PaymentToken);

    private static readonly AggregateId Order = new("order", "o-1");
    private readonly JsonElement _event = JsonSerializer.SerializeToElement(
        new Placed("c-1", "EUR", [new Line("sku-1", 2, 9.99m), new Line("sku-2", 1, 120.5m)], new Address("Ada Lovelace", "1 Main St", "London", "N1 9GU", "GB"), "tok_visa"),
        WeeEventsJson.Options);

    private PersonalDataProtector _on = null!;
    private PersonalDataProtector _off = null!;
    private JsonElement _stored;

    [GlobalSetup]
    public async Task Setup()
    {
        _on = Protector(enabled: true);
        _off = Protector(enabled: false);
        _stored = await _on.ProtectAsync("placed", Order, _event, default);
    }

    [Benchmark(Baseline = true)]
    public ValueTask<JsonElement> Plain() => _off.ProtectAsync("placed", Order, _event, default);

    [Benchmark]
    public ValueTask<JsonElement> Encrypt() => _on.ProtectAsync("placed", Order, _event, default);

    [Benchmark]
    public ValueTask<JsonElement> Decrypt() => _on.RevealAsync("placed", Order, _stored, default);

    [Benchmark]
    public ValueTask<JsonElement> DecryptWithNothingEncrypted() => _on.RevealAsync("placed", Order, _event, default);

    private static PersonalDataProtector Protector(bool enabled)
    {
        var options = Options.Create(new ProtectionOptions
        {
            Enabled = enabled,
            KeyEncryptionKey = ProtectionOptions.DevelopmentKey,
            KeyCacheDuration = TimeSpan.FromHours(1),
        });
        return new PersonalDataProtector(new MemoryKeys(), new ConfiguredKeyWrapper(options), options, [new EventDataType("placed", typeof(Placed))]);
    }

    /// <summary>Keys in memory: the benchmark measures the cipher and the JSON walk, not a database.</summary>
    private sealed class MemoryKeys : IDataKeyStore
    {
        private readonly ConcurrentDictionary<Guid, DataKeyRecord> _keys = new();

        public Task<DataKeyRecord?> FindAsync(Guid keyId, CancellationToken cancellationToken) => Task.FromResult(_keys.GetValueOrDefault(keyId));

        public Task<DataKeyRecord?> FindForSubjectAsync(string subject, CancellationToken cancellationToken) =>
            Task.FromResult(_keys.Values.FirstOrDefault(k => k.Subject == subject));

        public Task AddAsync(DataKeyRecord key, CancellationToken cancellationToken)
        {
            _keys[key.KeyId] = key;
            return Task.CompletedTask;
        }

        public Task<int> DestroyAsync(string subject, DateTimeOffset at, CancellationToken cancellationToken) => Task.FromResult(0);

        public Task<IReadOnlyList<(string Subject, DateTimeOffset DestroyedAt)>> DestroyedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<(string, DateTimeOffset)>>([]);

        public Task<IReadOnlyList<DataKeyRecord>> WrappedByOtherThanAsync(string kekId, int limit, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<DataKeyRecord>>([]);

        public Task RewrapAsync(Guid keyId, string kekId, byte[] wrappedKey, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
