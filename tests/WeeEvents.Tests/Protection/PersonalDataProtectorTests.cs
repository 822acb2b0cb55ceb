using System.Text.Json;
using Microsoft.Extensions.Options;
using WeeEvents.Protection;

namespace WeeEvents.Tests.Protection;

public class PersonalDataProtectorTests
{
    public sealed record Address([property: PersonalData] string Name, [property: PersonalData] string Line1, string Country);

    public sealed record Placed([property: DataSubject] string CustomerId, Address Address, [property: PersonalData] string Token, decimal Total);

    public sealed record Requested([property: PersonalData] string Token, [property: DataSubject] string? CustomerId = null);

    private static readonly AggregateId Order = new("order", "o-1");

    // The same record published as a contract: bound to the contract's URN, not to the event it was mapped from.
    private static readonly PersonalDataScope Contract = new(PersonalDataClassification.Of(typeof(Placed)), "urn:message:Tests:Placed", Order.Encoded);
    private readonly MemoryDataKeyStore _store = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static ProtectionOptions Options(string kekId = "kek-1", string? key = null, Dictionary<string, string>? previous = null) => new()
    {
        KeyEncryptionKeyId = kekId,
        KeyEncryptionKey = key ?? Convert.ToBase64String(new byte[32]),
        PreviousKeys = previous ?? [],
        KeyCacheDuration = TimeSpan.Zero,
    };

    private PersonalDataProtector Protector(ProtectionOptions? options = null)
    {
        var o = Microsoft.Extensions.Options.Options.Create(options ?? Options());
        return new PersonalDataProtector(_store, new ConfiguredKeyWrapper(o), o, [new EventDataType("placed", typeof(Placed)), new EventDataType("requested", typeof(Requested))]);
    }

    private static JsonElement Json<T>(T value) => JsonSerializer.SerializeToElement(value, WeeEventsJson.Options);

    private static Placed Read(string json) => JsonSerializer.Deserialize<Placed>(json, WeeEventsJson.Options)!;

    private static Placed Ada(string customer = "c-1") => new(customer, new Address("Ada Lovelace", "1 Main St", "GB"), "tok_visa", 9.99m);

    [Fact]
    public async Task Personal_fields_are_stored_encrypted_and_read_back_plain()
    {
        var protector = Protector();

        var stored = await protector.ProtectAsync("placed", Order, Json(Ada()), _ct);
        var text = stored.GetRawText();

        Assert.DoesNotContain("Ada", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Main St", text, StringComparison.Ordinal);
        Assert.DoesNotContain("tok_visa", text, StringComparison.Ordinal);
        Assert.Contains("\"c-1\"", text, StringComparison.Ordinal); // the subject stays readable: it names the key
        Assert.Contains("\"GB\"", text, StringComparison.Ordinal);
        var read = (await protector.RevealAsync("placed", Order, stored, _ct)).Deserialize<Placed>(WeeEventsJson.Options);
        Assert.Equal(Ada(), read);
        Assert.Single(_store.Keys);
    }

    [Fact]
    public async Task A_forgotten_subject_reads_as_erased_and_others_stay_readable()
    {
        var protector = Protector();
        var ada = await protector.ProtectAsync("placed", Order, Json(Ada("c-1")), _ct);
        var bob = await protector.ProtectAsync("placed", Order, Json(Ada("c-2")), _ct);

        Assert.Equal(1, await protector.ForgetAsync("c-1", _ct));

        var erased = (await protector.RevealAsync("placed", Order, ada, _ct)).Deserialize<Placed>(WeeEventsJson.Options)!;
        Assert.Equal(Erased.Text, erased.Address.Name);
        Assert.Equal(Erased.Text, erased.Token);
        Assert.Equal("GB", erased.Address.Country);
        Assert.Equal(9.99m, erased.Total);
        Assert.Equal(Ada("c-2"), (await protector.RevealAsync("placed", Order, bob, _ct)).Deserialize<Placed>(WeeEventsJson.Options));
    }

    [Fact]
    public async Task Nothing_new_of_a_forgotten_subject_is_kept()
    {
        var protector = Protector();
        await protector.ForgetAsync("c-9", _ct);

        var stored = await protector.ProtectAsync("placed", Order, Json(Ada("c-9")), _ct);

        Assert.Equal(Erased.Text, stored.Deserialize<Placed>(WeeEventsJson.Options)!.Token);
    }

    [Fact]
    public async Task A_message_reads_with_the_keys_it_carries_unless_the_reader_forgot_the_subject()
    {
        var publisher = Protector();
        var message = await publisher.ProtectAsync(Contract, Json(Ada()).GetRawText(), _ct);
        var carried = await publisher.KeysForAsync(Contract, message, _ct);
        var consumerStore = new MemoryDataKeyStore();
        var o = Microsoft.Extensions.Options.Options.Create(Options());
        var consumer = new PersonalDataProtector(consumerStore, new ConfiguredKeyWrapper(o), o, []);

        Assert.Single(carried);
        Assert.Equal(Ada(), Read(await consumer.RevealAsync(Contract, message, carried, _ct)));
        await consumer.ForgetAsync("c-1", _ct);
        Assert.Equal(Erased.Text, Read(await consumer.RevealAsync(Contract, message, carried, _ct)).Token);
        Assert.Equal(Erased.Text, Read(await consumer.RevealAsync(Contract, message, null, _ct)).Token);
    }

    [Fact]
    public async Task A_consumer_encrypts_what_it_records_under_its_own_key_not_the_one_a_message_carried()
    {
        var publisher = Protector();
        var body = await publisher.ProtectAsync(Contract, Json(Ada()).GetRawText(), _ct);
        var carried = await publisher.KeysForAsync(Contract, body, _ct);
        var consumerStore = new MemoryDataKeyStore();
        var cached = Options();
        cached.KeyCacheDuration = TimeSpan.FromHours(1); // the carried key stays in memory, as in a running service
        var o = Microsoft.Extensions.Options.Options.Create(cached);
        var consumer = new PersonalDataProtector(consumerStore, new ConfiguredKeyWrapper(o), o, [new EventDataType("placed", typeof(Placed))]);
        var plain = JsonDocument.Parse(await consumer.RevealAsync(Contract, body, carried, _ct)).RootElement;

        var recorded = await consumer.ProtectAsync("placed", Order, plain, _ct);

        var own = Assert.Single(consumerStore.Keys.Values);
        Assert.NotEqual(carried[0].KeyId, own.KeyId);
        Assert.True(FieldCipher.TryKeyId(recorded.Deserialize<Placed>(WeeEventsJson.Options)!.Token, out var used));
        Assert.Equal(own.KeyId, used);
    }

    [Fact]
    public async Task A_personal_field_with_no_subject_is_keyed_to_its_aggregate()
    {
        var protector = Protector();

        await protector.ProtectAsync("requested", Order, Json(new Requested("tok_visa")), _ct);

        Assert.Equal(Order.Encoded, Assert.Single(_store.Keys.Values).Subject);
    }

    [Fact]
    public async Task Keys_wrapped_by_a_previous_kek_still_unwrap()
    {
        var oldKek = Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray());
        var stored = await Protector(Options("kek-1", oldKek)).ProtectAsync("placed", Order, Json(Ada()), _ct);

        var rotated = Protector(Options("kek-2", previous: new() { ["kek-1"] = oldKek }));

        Assert.Equal(Ada(), (await rotated.RevealAsync("placed", Order, stored, _ct)).Deserialize<Placed>(WeeEventsJson.Options));
    }

    [Fact]
    public async Task With_protection_off_events_are_written_as_they_are()
    {
        var options = Options();
        options.Enabled = false;
        var data = Json(Ada());

        var stored = await Protector(options).ProtectAsync("placed", Order, data, _ct);

        Assert.Equal(data.GetRawText(), stored.GetRawText());
    }

    [Fact]
    public void The_options_name_the_key_to_fix()
    {
        var validator = new FluentValidationOptions<ProtectionOptions, ProtectionOptionsValidator>();

        var missing = validator.Validate(null, new ProtectionOptions());
        var malformed = validator.Validate(null, new ProtectionOptions { KeyEncryptionKey = "short" });

        Assert.True(missing.Failed);
        Assert.Contains("WeeEvents:Protection:KeyEncryptionKey", missing.FailureMessage, StringComparison.Ordinal);
        Assert.True(malformed.Failed);
        Assert.True(validator.Validate(null, new ProtectionOptions { UseDevelopmentKey = true, DevelopmentKeyAllowed = true }).Succeeded);
        Assert.True(validator.Validate(null, new ProtectionOptions { Enabled = false }).Succeeded);
    }
}
