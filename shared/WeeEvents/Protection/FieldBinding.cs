using System.Buffers.Binary;
using System.Text;

namespace WeeEvents.Protection;

/// <summary>
/// Where an encrypted value belongs: its data subject, the entity type (or contract) that holds it and its declared
/// path. It is the associated data of the value's encryption, so a value copied to another customer, another entity type
/// or another field does not decrypt.
/// </summary>
/// <param name="Subject">The data subject in scope (the customer id).</param>
/// <param name="EntityType">The aggregate type of a stored event or reply, or the message URN of a contract.</param>
/// <param name="Path">The field's declared path (<see cref="ClassifiedPath"/>).</param>
public readonly record struct FieldBinding(string Subject, string EntityType, string Path)
{
    /// <summary>The associated data for a value under key <paramref name="keyId"/>: each part length-prefixed, so no two bindings share bytes.</summary>
    internal byte[] AssociatedData(string version, Guid keyId)
    {
        var parts = new[] { version, Subject ?? "", EntityType ?? "", Path ?? "" };
        var size = 16 + parts.Sum(p => 4 + Encoding.UTF8.GetByteCount(p));
        var bytes = new byte[size];
        keyId.TryWriteBytes(bytes);
        var at = 16;
        foreach (var part in parts)
        {
            var written = Encoding.UTF8.GetBytes(part, bytes.AsSpan(at + 4));
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(at), written);
            at += 4 + written;
        }

        return bytes;
    }
}
