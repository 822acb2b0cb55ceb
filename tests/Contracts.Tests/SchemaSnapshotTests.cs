using WeeEvents.Contracts.Compatibility;

namespace WeeEvents.Contracts.Tests;

/// <summary>
/// Every contract's wire schema and a sample message are committed under shared/Contracts/schemas/, one pair per URN,
/// and regenerated here: a contract cannot change without a diff in review. <c>UPDATE_CONTRACT_SCHEMAS=1</c> writes them.
/// </summary>
public sealed class SchemaSnapshotTests
{
    public static TheoryData<string> Urns => [.. ContractCatalog.All.Select(c => c.Urn)];

    [Theory]
    [MemberData(nameof(Urns))]
    public void The_committed_schema_is_the_contract_as_built(string urn)
    {
        var contract = ContractCatalog.Find(urn)!;

        var mismatch = CommittedFile.Verify(ContractFiles.SchemaPath(ContractFiles.Directory, urn), ContractFiles.Format(ContractSchema.Of(contract)));

        Assert.True(mismatch is null, mismatch);
    }

    [Theory]
    [MemberData(nameof(Urns))]
    public void The_committed_sample_is_what_a_publisher_sends(string urn)
    {
        var contract = ContractCatalog.Find(urn)!;

        var mismatch = CommittedFile.Verify(ContractFiles.SamplePath(ContractFiles.Directory, urn), ContractFiles.Format(Wire.Write(ContractSamples.For(contract))));

        Assert.True(mismatch is null, mismatch);
    }

    [Fact]
    public void Every_committed_schema_belongs_to_a_contract()
    {
        var strays = ContractFiles.UrnsIn(ContractFiles.Directory).Where(urn => ContractCatalog.Find(urn) is null).ToArray();
        if (CommittedFile.Updating)
        {
            foreach (var urn in strays)
            {
                File.Delete(ContractFiles.SchemaPath(ContractFiles.Directory, urn));
                File.Delete(ContractFiles.SamplePath(ContractFiles.Directory, urn));
            }

            return;
        }

        Assert.True(strays.Length == 0,
            $"Schemas committed for URNs no contract has: {string.Join(", ", strays)}. Run `{CommittedFile.UpdateCommand}` to remove them.");
    }

    [Fact]
    public void Every_contract_has_a_versioned_wire_name_of_its_own()
    {
        Assert.NotEmpty(ContractCatalog.All);
        var shared = ContractCatalog.All.GroupBy(c => c.Urn).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g)}").ToArray();
        Assert.True(shared.Length == 0, $"Contracts sharing a URN: {string.Join("; ", shared)}");
        var unversioned = ContractCatalog.All.Where(c => ContractBreak.NextVersionOf(c.Urn) == c.Urn + ":v2").ToArray();
        Assert.True(unversioned.Length == 0, $"URNs without a version (…:v1): {string.Join(", ", unversioned)}");
    }
}
