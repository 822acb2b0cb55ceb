namespace WeeEvents.Protection;

/// <summary>
/// A loader declared snapshots of a state that holds personal data. A snapshot keeps the state as it is, in the clear
/// and outside the reach of a forget; such a state is rebuilt from its (encrypted) events instead.
/// </summary>
public sealed class PersonalDataNotSnapshottable : InvalidOperationException
{
    /// <summary>The refusal for <paramref name="stateType"/>, naming its personal paths.</summary>
    public PersonalDataNotSnapshottable(Type stateType, IEnumerable<string> paths)
        : base($"{stateType?.Name} holds personal data ({string.Join(", ", paths ?? [])}) and cannot be snapshotted: remove .Snapshots(...) from its loader, or keep the personal fields out of the state.")
    {
        StateType = stateType!;
    }

    /// <summary>The state.</summary>
    public Type StateType { get; }

    /// <summary>Throws when <paramref name="stateType"/> declares a personal field.</summary>
    public static void ThrowIfPersonal(Type stateType)
    {
        var classification = PersonalDataClassification.Of(stateType);
        if (classification.HasPersonalData)
        {
            throw new PersonalDataNotSnapshottable(stateType, classification.Paths.Where(p => (p.Class & FieldClass.Personal) != 0).Select(p => p.Path));
        }
    }
}
