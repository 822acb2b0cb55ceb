using System.Text.Json;
using System.Text.Json.Nodes;

namespace WeeEvents.Contracts.Compatibility;

/// <summary>
/// The committed contract files under <c>shared/Contracts/schemas/</c>: per URN a JSON Schema
/// (<c>weeevents.order.order-placed.v1.schema.json</c>) and a recorded sample message
/// (<c>….sample.json</c>); <c>releases/&lt;version&gt;/</c> keeps the same files as each release shipped them.
/// </summary>
internal static class ContractFiles
{
    private const string UrnPrefix = "urn:message:";

    /// <summary>The folder of the current contracts' files.</summary>
    public static string Directory { get; } = Path.Combine(Repository.Root, "shared", "Contracts", "schemas");

    /// <summary>
    /// The folder of the types contracts share (<see cref="Money"/>): their schema and sample, named after the type
    /// (<c>money.schema.json</c>). Not URNs: a type is not a message, and changes only with the contracts that carry it.
    /// </summary>
    public static string TypesDirectory { get; } = Path.Combine(Directory, "types");

    /// <summary>The folder of the releases' copies.</summary>
    public static string ReleasesDirectory { get; } = Path.Combine(Directory, "releases");

    /// <summary>
    /// The URNs no longer published on purpose, from <c>retired.txt</c> (one a line, <c>#</c> for comments): a contract
    /// is retired once every consumer reads its successor, and the check then stops asking for it.
    /// </summary>
    public static IReadOnlySet<string> Retired
    {
        get
        {
            var path = Path.Combine(Directory, "retired.txt");
            return File.Exists(path)
                ? File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet(StringComparer.Ordinal)
                : new HashSet<string>(StringComparer.Ordinal);
        }
    }

    /// <summary>The file name stem of a URN: <c>urn:message:weeevents:order:order-placed:v1</c> → <c>weeevents.order.order-placed.v1</c>.</summary>
    public static string Stem(string urn) =>
        (urn.StartsWith(UrnPrefix, StringComparison.Ordinal) ? urn[UrnPrefix.Length..] : urn).Replace(':', '.');

    /// <summary>The URN of a file name stem (the inverse of <see cref="Stem"/>).</summary>
    public static string UrnOf(string stem) => UrnPrefix + stem.Replace('.', ':');

    /// <summary>The schema file of <paramref name="urn"/> in <paramref name="directory"/>.</summary>
    public static string SchemaPath(string directory, string urn) => Path.Combine(directory, Stem(urn) + ".schema.json");

    /// <summary>The sample message file of <paramref name="urn"/> in <paramref name="directory"/>.</summary>
    public static string SamplePath(string directory, string urn) => Path.Combine(directory, Stem(urn) + ".sample.json");

    /// <summary>The URNs that have a schema file in <paramref name="directory"/>.</summary>
    public static IReadOnlyList<string> UrnsIn(string directory) =>
        [.. System.IO.Directory.EnumerateFiles(directory, "*.schema.json")
            .Select(path => UrnOf(Path.GetFileName(path)[..^".schema.json".Length]))
            .Order(StringComparer.Ordinal)];

    /// <summary>Reads a committed JSON file.</summary>
    public static JsonNode Read(string path) =>
        JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} holds null.");

    /// <summary>The text a JSON file is committed as: indented, LF line ends, a final newline.</summary>
    public static string Format(JsonNode node) =>
        node.ToJsonString(FileOptions).ReplaceLineEndings("\n") + "\n";

    // Files are read by people: '+' in a time stays '+' (the escaping that suits HTML is not needed here).
    private static readonly JsonSerializerOptions FileOptions = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A path relative to the repository root, as a reviewer knows it.</summary>
    public static string Relative(string path) => Path.GetRelativePath(Repository.Root, path).Replace('\\', '/');
}
