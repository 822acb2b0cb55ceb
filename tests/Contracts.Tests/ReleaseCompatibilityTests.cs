using System.Text;
using WeeEvents.Contracts.Compatibility;

namespace WeeEvents.Contracts.Tests;

/// <summary>
/// Each contract of the last release (its schemas as copied under shared/Contracts/schemas/releases/&lt;version&gt;/)
/// against the contract as built now: under the same URN only compatible changes pass, since services of that release
/// still publish and consume it while the others are deployed.
/// </summary>
public sealed class ReleaseCompatibilityTests
{
    public static TheoryData<string> ReleasedUrns => [.. ContractRelease.Last().Urns];

    [Theory]
    [MemberData(nameof(ReleasedUrns))]
    public void A_contract_of_the_last_release_changed_only_compatibly(string urn)
    {
        var release = ContractRelease.Last();
        var contract = ContractCatalog.Find(urn);
        if (contract is null)
        {
            Assert.True(ContractFiles.Retired.Contains(urn),
                $"{urn} was published by release {release.Version} and no contract has it now. A contract is deleted only once " +
                "every consumer reads its successor; then list its URN in shared/Contracts/schemas/retired.txt.");
            return;
        }

        var breaks = SchemaCompatibility.Check(contract.Name, urn, ContractFiles.Read(ContractFiles.SchemaPath(release.Directory, urn)), ContractSchema.Of(contract));

        Assert.True(breaks.Count == 0, Explain(release, contract, breaks));
    }

    [Fact]
    public void The_last_release_names_its_tag_and_commit()
    {
        var release = ContractRelease.Last();

        Assert.Equal($"v{release.Version}", release.Tag);
        Assert.Matches("^[0-9a-f]{40}$", release.Commit);
        Assert.NotEmpty(release.Urns);
    }

    private static string Explain(ContractRelease release, Contract contract, IReadOnlyList<ContractBreak> breaks)
    {
        var text = new StringBuilder($"{contract} changed incompatibly since release {release.Version}:\n");
        foreach (var change in breaks)
        {
            text.Append("  - ").AppendLine(change.Message);
        }

        return text.Append(
                $"A breaking change is a new contract: keep {contract.Urn} as release {release.Version} has it, add a record with " +
                $"[MessageUrn(\"{ContractBreak.NextVersionOf(contract.Urn)["urn:message:".Length..]}\")] and publish both until every " +
                "consumer reads the new one (shared/Contracts/README.md, Versioning).")
            .ToString();
    }
}
