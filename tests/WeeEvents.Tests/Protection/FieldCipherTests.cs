using System.Security.Cryptography;
using WeeEvents.Protection;

namespace WeeEvents.Tests.Protection;

public class FieldCipherTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(FieldCipher.KeySize);

    [Fact]
    public void A_value_round_trips_and_names_its_key()
    {
        var keyId = Guid.NewGuid();

        var sealedValue = FieldCipher.Encrypt(keyId, Key, "Ada Lovelace");

        Assert.StartsWith(FieldCipher.Prefix, sealedValue, StringComparison.Ordinal);
        Assert.DoesNotContain("Ada", sealedValue, StringComparison.Ordinal);
        Assert.True(FieldCipher.TryKeyId(sealedValue, out var named));
        Assert.Equal(keyId, named);
        Assert.True(FieldCipher.TryDecrypt(sealedValue, Key, out var plain));
        Assert.Equal("Ada Lovelace", plain);
    }

    [Fact]
    public void The_same_value_encrypts_differently_each_time()
    {
        var keyId = Guid.NewGuid();

        Assert.NotEqual(FieldCipher.Encrypt(keyId, Key, "tok_visa"), FieldCipher.Encrypt(keyId, Key, "tok_visa"));
    }

    [Fact]
    public void Another_key_or_a_tampered_value_does_not_decrypt()
    {
        var sealedValue = FieldCipher.Encrypt(Guid.NewGuid(), Key, "1 Main St");
        var tampered = sealedValue[..^2] + (sealedValue[^2] == 'A' ? "B" : "A") + sealedValue[^1];

        Assert.False(FieldCipher.TryDecrypt(sealedValue, RandomNumberGenerator.GetBytes(FieldCipher.KeySize), out _));
        Assert.False(FieldCipher.TryDecrypt(tampered, Key, out _));
    }

    [Fact]
    public void A_value_moved_to_another_key_id_does_not_decrypt()
    {
        var sealedValue = FieldCipher.Encrypt(Guid.NewGuid(), Key, "N1 9GU");
        var moved = FieldCipher.Prefix + Guid.NewGuid().ToString("N") + sealedValue[(FieldCipher.Prefix.Length + 32)..];

        Assert.False(FieldCipher.TryDecrypt(moved, Key, out _));
    }

    [Theory]
    [InlineData("tok_visa")]
    [InlineData("pd1.")]
    [InlineData("pd1.not-a-key-id-at-all-really-no.xyz")]
    [InlineData(Erased.Text)]
    public void Plain_values_are_not_taken_for_encrypted_ones(string value) =>
        Assert.False(FieldCipher.TryKeyId(value, out _));
}
