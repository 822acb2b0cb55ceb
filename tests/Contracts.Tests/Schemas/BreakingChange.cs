namespace WeeEvents.Contracts.Compatibility;

/// <summary>The kinds of change a contract may not undergo under the same URN.</summary>
internal enum BreakingChange
{
    /// <summary>A field is gone: consumers built before read it as null. A rename is this plus an added field.</summary>
    FieldRemovedOrRenamed,

    /// <summary>A field has another JSON type or format: one side cannot read what the other writes.</summary>
    FieldRetyped,

    /// <summary>A field may now be null, or may no longer be: one side meets a null it does not expect.</summary>
    NullabilityChanged,

    /// <summary>An optional field became required: publishers built before leave it out.</summary>
    FieldMadeRequired,

    /// <summary>A new field is required: publishers built before do not send it.</summary>
    RequiredFieldAdded,

    /// <summary>An enum value is gone: publishers built before still send it.</summary>
    EnumValueRemoved,

    /// <summary>An enum value is new: consumers built before do not know it.</summary>
    EnumValueAdded,

    /// <summary>Some other part of the schema changed, which the check does not interpret; treated as breaking.</summary>
    SchemaChanged,
}

/// <summary>The rule each <see cref="BreakingChange"/> breaks, in the words of shared/Contracts/README.md.</summary>
internal static class CompatibilityRules
{
    /// <summary>The rule, as a sentence.</summary>
    public static string Rule(this BreakingChange change) => change switch
    {
        BreakingChange.FieldRemovedOrRenamed => "a field is never removed or renamed under the same URN",
        BreakingChange.FieldRetyped => "a field is never retyped under the same URN",
        BreakingChange.NullabilityChanged => "a field's nullability never changes under the same URN",
        BreakingChange.FieldMadeRequired => "an optional field is never made required under the same URN",
        BreakingChange.RequiredFieldAdded => "a new field is optional (nullable or defaulted): publishers built before do not send it",
        BreakingChange.EnumValueRemoved => "an enum value is never removed under the same URN",
        BreakingChange.EnumValueAdded => "an enum value is never added under the same URN: consumers built before cannot handle it",
        BreakingChange.SchemaChanged => "a change the check cannot prove compatible is treated as breaking",
        _ => throw new ArgumentOutOfRangeException(nameof(change), change, null),
    };
}
