namespace WeeEvents.Protection;

/// <summary>
/// What a personal field reads as once its subject's data key is destroyed: a fixed value of the field's type, so a
/// reducer or handler can recognise it and an aggregate still loads.
/// </summary>
public static class Erased
{
    /// <summary>The value of an erased string field.</summary>
    public const string Text = "[erased]";

    /// <summary>True when <paramref name="value"/> is the erased marker.</summary>
    public static bool Is(string? value) => string.Equals(value, Text, StringComparison.Ordinal);
}
