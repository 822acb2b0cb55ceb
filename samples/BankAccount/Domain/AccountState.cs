using System.Text.Json.Serialization;

namespace WeeEvents.Samples.BankAccount.Domain;

/// <summary>A bank account: uninitialized → open → closed.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "status")]
[JsonDerivedType(typeof(Uninitialized), "uninitialized")]
[JsonDerivedType(typeof(Open), "open")]
[JsonDerivedType(typeof(Closed), "closed")]
public abstract record AccountState
{
    private AccountState()
    {
    }

    /// <summary>No account yet.</summary>
    public sealed record Uninitialized : AccountState;

    /// <summary>An open account.</summary>
    /// <param name="Owner">Who owns it.</param>
    /// <param name="Balance">The balance; never negative.</param>
    public sealed record Open(string Owner, decimal Balance) : AccountState;

    /// <summary>A closed account; it never changes again.</summary>
    /// <param name="Owner">Who owned it.</param>
    /// <param name="ClosedAt">When it closed.</param>
    public sealed record Closed(string Owner, DateTimeOffset ClosedAt) : AccountState;

    /// <summary>The state's name, as in its JSON <c>status</c> (the discriminator already carries it).</summary>
    [JsonIgnore]
    public string Name => this switch
    {
        Uninitialized => "uninitialized",
        Open => "open",
        Closed => "closed",
        _ => throw new InvalidOperationException("Unknown account state."),
    };
}
