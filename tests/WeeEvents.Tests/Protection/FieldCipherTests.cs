using System.Security.Cryptography;
using WeeEvents.Protection;

namespace WeeEvents.Tests.Protection;

public class FieldCipherTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(FieldCipher.KeySize);
    private static readonly FieldBinding Binding = new("c-1", "order", "shippingAddress.name");

    [Fact]
    public void A_value_round_trips_and_names_its_key()
    {
        var keyId = Guid.NewGuid();

        var sealedValue = FieldCipher.Encrypt(keyId, Key, "Ada Lovelace", Binding);

        Assert.StartsWith(FieldCipher.Prefix, sealedValue, StringComparison.Ordinal);
        Assert.DoesNotContain("Ada", sealedValue, StringComparison.Ordinal);
        Assert.True(FieldCipher.TryKeyId(sealedValue, out var named));
        Assert.Equal(keyId, named);
        Assert.True(FieldCipher.TryDecrypt(sealedValue, Key, Binding, out var plain));
        Assert.Equal("Ada Lovelace", plain);
    }

    [Fact]
    public void The_same_value_encrypts_differently_each_time()
    {
        var keyId = Guid.NewGuid();

        Assert.NotEqual(FieldCipher.Encrypt(keyId, Key, "tok_visa", Binding), FieldCipher.Encrypt(keyId, Key, "tok_visa", Binding));
    }

    [Fact]
    public void Another_key_or_a_tampered_value_does_not_decrypt()
    {
        var sealedValue = FieldCipher.Encrypt(Guid.NewGuid(), Key, "1 Main St", Binding);
        var tampered = sealedValue[..^2] + (sealedValue[^2] == 'A' ? "B" : "A") + sealedValue[^1];

        Assert.False(FieldCipher.TryDecrypt(sealedValue, RandomNumberGenerator.GetBytes(FieldCipher.KeySize), Binding, out _));
        Assert.False(FieldCipher.TryDecrypt(tampered, Key, Binding, out _));
    }

    [Fact]
    public void A_value_moved_to_another_key_id_does_not_decrypt()
    {
        var sealedValue = FieldCipher.Encrypt(Guid.NewGuid(), Key, "N1 9GU", Binding);
        var moved = FieldCipher.Prefix + Guid.NewGuid().ToString("N") + sealedValue[(FieldCipher.Prefix.Length + 32)..];

        Assert.False(FieldCipher.TryDecrypt(moved, Key, Binding, out _));
    }

    [Theory]
    [InlineData("c-2", "order", "shippingAddress.name")]
    [InlineData("c-1", "payment", "shippingAddress.name")]
    [InlineData("c-1", "order", "shippingAddress.line1")]
    [InlineData("c-1", "urn:message:WeeEvents.Contracts.Order:OrderPlaced", "shippingAddress.name")]
    public void A_value_moved_to_another_subject_entity_type_or_field_does_not_decrypt(string subject, string entityType, string path)
    {
        var sealedValue = FieldCipher.Encrypt(Guid.NewGuid(), Key, "Ada Lovelace", Binding);

        Assert.False(FieldCipher.TryDecrypt(sealedValue, Key, new FieldBinding(subject, entityType, path), out _));
        Assert.True(FieldCipher.TryDecrypt(sealedValue, Key, Binding, out var plain));
        Assert.Equal("Ada Lovelace", plain);
    }

    [Fact]
    public void Binding_parts_do_not_run_into_each_other()
    {
        var sealedValue = FieldCipher.Encrypt(Guid.NewGuid(), Key, "Ada", new FieldBinding("c-1", "order.x", "y"));

        Assert.False(FieldCipher.TryDecrypt(sealedValue, Key, new FieldBinding("c-1", "order", "x.y"), out _));
    }

    [Theory]
    [InlineData("tok_visa")]
    [InlineData("pd1.")]
    [InlineData("pd1.not-a-key-id-at-all-really-no.xyz")]
    [InlineData("pd1.0123456789abcdef0123456789abcdef.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // the old unbound format is text
    [InlineData(Erased.Text)]
    public void Plain_values_are_not_taken_for_encrypted_ones(string value) =>
        Assert.False(FieldCipher.TryKeyId(value, out _));
}
