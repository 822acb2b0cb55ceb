using WeeEvents.Contracts.Compatibility;
using WeeEvents.EndToEnd.Tests.Infrastructure;

namespace WeeEvents.EndToEnd.Tests;

/// <summary>
/// A consumer built by the last release reads what this build publishes: each contract's recorded sample, deserialised
/// by MassTransit into the release's own record (loaded from the release's build), keeps every field that record has.
/// </summary>
public sealed class ReleaseConsumerTests
{
    public static TheoryData<string> UrnsOfBoth =>
        [.. ContractFiles.UrnsIn(ContractFiles.Directory).Intersect(ContractRelease.Last().Urns)];

    [Theory]
    [MemberData(nameof(UrnsOfBoth))]
    public async Task A_consumer_of_the_last_release_reads_what_this_build_publishes(string urn)
    {
        var release = ContractRelease.Last();
        var contract = (await ReleaseContracts.OfAsync(release)).Find(urn);
        Assert.True(contract is not null, $"The build of release {release.Version} has no record for {urn}, though its schema copy does.");
        var sent = ContractFiles.Read(ContractFiles.SamplePath(ContractFiles.Directory, urn));

        var read = Wire.Write(Wire.Read(contract, urn, sent));

        var misread = JsonSubset.Differences(read, sent);
        Assert.True(misread.Count == 0,
            $"{contract.Name} of release {release.Version} misreads what this build sends for {urn}:\n  {string.Join("\n  ", misread)}");
    }
}
