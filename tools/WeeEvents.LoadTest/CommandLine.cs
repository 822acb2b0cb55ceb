using System.Globalization;

namespace WeeEvents.LoadTest;

/// <summary>
/// Reads a command line's flags and their values one at a time; a missing or malformed value is an error that names the
/// flag and shows the command's usage.
/// </summary>
internal sealed class CommandLine(IReadOnlyList<string> args, string usage)
{
    private int _next;
    private string _flag = "";

    /// <summary>Moves to the next flag; false when there is none.</summary>
    public bool Next(out string flag)
    {
        flag = _flag = _next < args.Count ? args[_next++] : "";
        return flag.Length > 0;
    }

    /// <summary>The current flag's value.</summary>
    public string Value() => _next < args.Count ? args[_next++] : throw Invalid("needs a value");

    /// <summary>The current flag's value, a whole number above zero.</summary>
    public int Positive() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw Invalid("needs a positive whole number");

    /// <summary>The current flag's value, a whole number of zero or more.</summary>
    public int Count() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw Invalid("needs a whole number");

    /// <summary>An error about the current flag.</summary>
    public ArgumentException Invalid(string what) => new($"{_flag} {what}.\n{usage}");

    /// <summary>The error for a flag the command does not know.</summary>
    public ArgumentException Unknown() => new($"Unknown argument '{_flag}'.\n{usage}");
}
