namespace WeeEvents.Contracts.Compatibility;

/// <summary>
/// A committed file that a test regenerates: the test fails on any difference and prints it, so a contract change is
/// always a reviewed diff. With <c>UPDATE_CONTRACT_SCHEMAS=1</c> the test writes the file instead.
/// </summary>
internal static class CommittedFile
{
    /// <summary>The environment variable that makes the snapshot tests write the files they regenerate.</summary>
    public const string UpdateVariable = "UPDATE_CONTRACT_SCHEMAS";

    /// <summary>The command that regenerates every contract file.</summary>
    public const string UpdateCommand = $"{UpdateVariable}=1 dotnet test tests/Contracts.Tests";

    /// <summary>True when this run writes the files rather than checking them.</summary>
    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) is "1" or "true";

    /// <summary>Checks (or, when <see cref="Updating"/>, writes) <paramref name="path"/> against <paramref name="generated"/>.</summary>
    /// <returns>Why the file does not match; null when it does (or was written).</returns>
    public static string? Verify(string path, string generated)
    {
        var committed = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : null;
        if (committed == generated)
        {
            return null;
        }

        if (Updating)
        {
            File.WriteAllText(path, generated);
            return null;
        }

        var relative = ContractFiles.Relative(path);
        return committed is null
            ? $"{relative} is not committed. Run `{UpdateCommand}` and commit it."
            : $"{relative} differs from the contract as built ('-' committed, '+' now):\n{TextDiff.Unified(committed, generated)}\n" +
              $"If the change is meant, run `{UpdateCommand}` and commit the file with it.";
    }
}
