using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using WeeEvents.Protection;

namespace WeeEvents.Tests.Protection;

/// <summary>A ciphertext decrypts only for the subject, entity type and field it was written for.</summary>
public class PersonalDataBindingTests
{
    public sealed record Address([property: PersonalData] string Name, [property: PersonalData] string Line1, string Country);

    public sealed record Placed([property: DataSubject] string CustomerId, Address Address, [property: PersonalData] string Token, string? Note = null);

    private static readonly AggregateId Order = new("order", "o-1");
    private static readonly AggregateId OtherOrder = new("order", "o-2");
    private static readonly AggregateId Payment = new("payment", "o-2");
    private readonly MemoryDataKeyStore _store = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private PersonalDataProtector Protector()
    {
        var o = Options.Create(new ProtectionOptions { KeyEncryptionKey = Convert.ToBase64String(new byte[32]), KeyCacheDuration = TimeSpan.Zero });
        return new PersonalDataProtector(_store, new ConfiguredKeyWrapper(o), o, [new EventDataType("placed", typeof(Placed))]);
    }

    private static JsonElement Json<T>(T value) => JsonSerializer.SerializeToElement(value, WeeEventsJson.Options);

    private static Placed Read(JsonElement json) => json.Deserialize<Placed>(WeeEventsJson.Options)!;

    private static Placed Of(string customer, string name = "Ada Lovelace") => new(customer, new Address(name, "1 Main St", "GB"), "tok_visa");

    // What an attacker does with a ciphertext: writes it into another record's JSON as is (a restored backup, a
    // hand-edited row, a forged message), bypassing the protector.
    private static JsonElement With(JsonElement data, Func<JsonNode, JsonNode> at, string name, string value)
    {
        var root = JsonNode.Parse(data.GetRawText())!;
        at(root)[name] = value;
        return JsonSerializer.SerializeToElement(root, WeeEventsJson.Options);
    }

    private async Task<(PersonalDataProtector Protector, string Ciphertext)> VictimAsync()
    {
        var protector = Protector();
        var stored = await protector.ProtectAsync("placed", Order, Json(Of("c-victim")), _ct);
        return (protector, Read(stored).Address.Name);
    }

    [Fact]
    public async Task A_ciphertext_moved_to_another_customer_reads_as_erased()
    {
        var (protector, ciphertext) = await VictimAsync();
        var attacker = await protector.ProtectAsync("placed", OtherOrder, Json(Of("c-attacker", "Mallory")), _ct);

        var read = Read(await protector.RevealAsync("placed", OtherOrder, With(attacker, r => r["address"]!, "name", ciphertext), _ct));

        Assert.Equal(Erased.Text, read.Address.Name);
        Assert.Equal("1 Main St", read.Address.Line1); // the attacker's own values still read
    }

    [Fact]
    public async Task A_ciphertext_moved_to_another_entity_type_reads_as_erased()
    {
        var (protector, ciphertext) = await VictimAsync();
        var elsewhere = With(Json(Of("c-victim", "x")), r => r["address"]!, "name", ciphertext);

        Assert.Equal(Erased.Text, Read(await protector.RevealAsync("placed", Payment, elsewhere, _ct)).Address.Name);
    }

    [Fact]
    public async Task A_ciphertext_moved_to_another_field_reads_as_erased()
    {
        var (protector, ciphertext) = await VictimAsync();
        var moved = With(Json(Of("c-victim", "x")), r => r["address"]!, "line1", ciphertext);

        Assert.Equal(Erased.Text, Read(await protector.RevealAsync("placed", Order, moved, _ct)).Address.Line1);
    }

    [Fact]
    public async Task A_ciphertext_in_an_undeclared_field_is_just_text()
    {
        var (protector, ciphertext) = await VictimAsync();
        var noted = With(Json(Of("c-victim", "x")), r => r, "note", ciphertext);

        Assert.Equal(ciphertext, Read(await protector.RevealAsync("placed", Order, noted, _ct)).Note);
    }

    [Fact]
    public async Task A_client_value_shaped_like_a_ciphertext_is_encrypted_like_any_other()
    {
        var (protector, ciphertext) = await VictimAsync();

        var stored = await protector.ProtectAsync("placed", OtherOrder, Json(Of("c-attacker", ciphertext)), _ct);

        Assert.NotEqual(ciphertext, Read(stored).Address.Name);
        Assert.Equal(ciphertext, Read(await protector.RevealAsync("placed", OtherOrder, stored, _ct)).Address.Name);
    }

    [Fact]
    public async Task A_key_is_used_only_for_its_own_subject()
    {
        var (protector, ciphertext) = await VictimAsync();
        var victimKey = Assert.Single(_store.Keys.Values);
        // Re-encrypted with the victim's key but bound to the attacker: the key's owner is not the record's subject.
        var material = new ConfiguredKeyWrapper(Options.Create(new ProtectionOptions { KeyEncryptionKey = Convert.ToBase64String(new byte[32]) }))
            .Unwrap(victimKey.KekId, victimKey.KeyId, victimKey.Subject, victimKey.WrappedKey!);
        var laundered = FieldCipher.Encrypt(victimKey.KeyId, material, "Ada Lovelace", new FieldBinding("c-attacker", "order", "address.name"));
        var forged = With(Json(Of("c-attacker", "x")), r => r["address"]!, "name", laundered);

        Assert.Equal(Erased.Text, Read(await protector.RevealAsync("placed", OtherOrder, forged, _ct)).Address.Name);
        Assert.NotEqual(ciphertext, laundered);
    }

    [Fact]
    public async Task A_contract_decrypts_only_as_the_contract_it_was_published_as()
    {
        var protector = Protector();
        var placed = new PersonalDataScope(PersonalDataClassification.Of(typeof(Placed)), "urn:message:Tests:Placed", Order.Encoded);
        var other = placed with { EntityType = "urn:message:Tests:Other" };
        var body = await protector.ProtectAsync(placed, Json(Of("c-1")).GetRawText(), _ct);

        Assert.Equal("Ada Lovelace", JsonSerializer.Deserialize<Placed>(await protector.RevealAsync(placed, body, null, _ct), WeeEventsJson.Options)!.Address.Name);
        Assert.Equal(Erased.Text, JsonSerializer.Deserialize<Placed>(await protector.RevealAsync(other, body, null, _ct), WeeEventsJson.Options)!.Address.Name);
    }

    [Fact]
    public async Task A_message_carries_a_key_only_for_the_subject_it_names_there()
    {
        var (protector, ciphertext) = await VictimAsync();
        var scope = new PersonalDataScope(PersonalDataClassification.Of(typeof(Placed)), "urn:message:Tests:Placed", OtherOrder.Encoded);
        var forged = With(Json(Of("c-attacker", "x")), r => r["address"]!, "name", ciphertext).GetRawText();

        Assert.Empty(await protector.KeysForAsync(scope, forged, _ct));
    }

    [Fact]
    public async Task A_consumer_reads_a_value_moved_into_a_message_as_erased_even_with_its_key_carried()
    {
        var publisher = Protector();
        var contract = new PersonalDataScope(PersonalDataClassification.Of(typeof(Placed)), "urn:message:Tests:Placed", Order.Encoded);
        var victim = await publisher.ProtectAsync(contract, Json(Of("c-victim")).GetRawText(), _ct);
        var keys = await publisher.KeysForAsync(contract, victim, _ct);
        var ciphertext = JsonSerializer.Deserialize<Placed>(victim, WeeEventsJson.Options)!.Address.Name;
        // A forged message: the attacker's order, the victim's value, and the victim's key put in its header.
        var forged = With(Json(Of("c-attacker", "x")), r => r["address"]!, "name", ciphertext).GetRawText();
        var o = Options.Create(new ProtectionOptions { KeyEncryptionKey = Convert.ToBase64String(new byte[32]), KeyCacheDuration = TimeSpan.Zero });
        var consumer = new PersonalDataProtector(new MemoryDataKeyStore(), new ConfiguredKeyWrapper(o), o, []);

        var read = JsonSerializer.Deserialize<Placed>(await consumer.RevealAsync(contract, forged, keys, _ct), WeeEventsJson.Options)!;

        Assert.Single(keys);
        Assert.Equal(Erased.Text, read.Address.Name);
    }
}
