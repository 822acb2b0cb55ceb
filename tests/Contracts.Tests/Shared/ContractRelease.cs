using System.Text.Json;

namespace WeeEvents.Contracts.Compatibility;

/// <summary>
/// A release's contracts as it shipped them: the copy under <c>shared/Contracts/schemas/releases/&lt;version&gt;/</c>
/// and its <c>release.json</c>, which names the git tag and commit the release was built from.
/// </summary>
/// <param name="Version">The release's version, e.g. <c>0.12.0</c>.</param>
/// <param name="Tag">Its annotated git tag, e.g. <c>v0.12.0</c>.</param>
/// <param name="Commit">The full id of the commit the tag points at (for clones that lack the tag).</param>
/// <param name="Directory">The folder of its copied schemas and samples.</param>
internal sealed record ContractRelease(string Version, string Tag, string Commit, string Directory)
{
    private static readonly JsonSerializerOptions ManifestOptions = new(JsonSerializerDefaults.Web);

    /// <summary>The newest release with a copy in the repository: what the compatibility check compares against.</summary>
    /// <exception cref="InvalidOperationException">No release has a copy.</exception>
    public static ContractRelease Last() =>
        All() is [.., var last] ? last : throw new InvalidOperationException(
            $"No release under {ContractFiles.Relative(ContractFiles.ReleasesDirectory)}: record one as the README's release section says.");

    /// <summary>Every release with a copy, oldest first.</summary>
    public static IReadOnlyList<ContractRelease> All() =>
        [.. System.IO.Directory.EnumerateDirectories(ContractFiles.ReleasesDirectory)
            .Select(Load)
            .OrderBy(r => System.Version.Parse(r.Version))];

    /// <summary>The URNs the release published.</summary>
    public IReadOnlyList<string> Urns => ContractFiles.UrnsIn(Directory);

    private static ContractRelease Load(string directory)
    {
        var manifest = Path.Combine(directory, "release.json");
        var fields = JsonSerializer.Deserialize<Manifest>(File.ReadAllText(manifest), ManifestOptions)
            ?? throw new InvalidDataException($"{manifest} holds null.");
        if (fields.Version != Path.GetFileName(directory) || string.IsNullOrEmpty(fields.Tag) || string.IsNullOrEmpty(fields.Commit))
        {
            throw new InvalidDataException($"{ContractFiles.Relative(manifest)} must name its folder's version, a tag and a commit.");
        }

        return new ContractRelease(fields.Version, fields.Tag, fields.Commit, directory);
    }

    private sealed record Manifest(string Version, string Tag, string Commit);
}
