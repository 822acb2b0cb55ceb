using System.Reflection;

namespace WeeEvents.Contracts.Compatibility;

/// <summary>The repository root, recorded at build time (the build output may live elsewhere).</summary>
internal static class Repository
{
    public static string Root { get; } = typeof(Repository).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;
}
