using System.Text.RegularExpressions;

namespace WeeEvents.Contracts.Compatibility;

/// <summary>One breaking change of a contract between a release and now.</summary>
/// <param name="Contract">The contract's CLR name now (or in the release, if it is gone).</param>
/// <param name="Urn">Its wire name.</param>
/// <param name="Field">Where, as serialised: <c>lines[].sku</c>; empty for the message itself.</param>
/// <param name="Change">What kind of change.</param>
/// <param name="Detail">What changed, in words.</param>
internal sealed partial record ContractBreak(string Contract, string Urn, string Field, BreakingChange Change, string Detail)
{
    /// <summary>The break as a reviewer reads it: the contract, the field, what changed and the rule it breaks.</summary>
    public string Message =>
        $"{Contract} ({Urn}): {(Field.Length == 0 ? "the message" : $"field '{Field}'")} {Detail}. Rule: {Change.Rule()}.";

    /// <summary>
    /// The URN a breaking change goes to: the next version, <c>…:order-placed:v2</c> after <c>…:order-placed:v1</c>
    /// (or <c>…:v2</c> appended when the URN has no version).
    /// </summary>
    public static string NextVersionOf(string urn)
    {
        var match = VersionSuffix().Match(urn);
        return match.Success
            ? $"{urn[..match.Index]}:v{int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1}"
            : urn + ":v2";
    }

    [GeneratedRegex(@":v(\d+)$")]
    private static partial Regex VersionSuffix();
}
