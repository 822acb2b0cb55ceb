using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;
using WeeEvents.Contracts;
using WeeEvents.Contracts.Compatibility;

namespace WeeEvents.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The contract records of a past release, loaded from its build beside this build's own: the types its consumers
/// deserialise messages into. Everything else (MassTransit, System.Text.Json) is this process's, as on the wire.
/// </summary>
public sealed class ReleaseContracts
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<ReleaseContracts>>> Loaded = new();
    private readonly IReadOnlyDictionary<string, Type> _byUrn;

    private ReleaseContracts(IReadOnlyDictionary<string, Type> byUrn) => _byUrn = byUrn;

    /// <summary>The contracts of <paramref name="release"/>, from the build of the service that runs as that release.</summary>
    internal static Task<ReleaseContracts> OfAsync(ContractRelease release) =>
        Loaded.GetOrAdd(release.Version, _ => new Lazy<Task<ReleaseContracts>>(async () =>
        {
            var build = await ReleaseBuild.ServiceAsync(release, MixedReleaseOrderSystem.FromRelease);
            var assembly = new ReleaseLoadContext(release.Version).LoadFromAssemblyPath(Path.Combine(build, "WeeEvents.Contracts.dll"));
            return new ReleaseContracts(assembly.GetExportedTypes()
                .Where(t => t.GetCustomAttribute<global::MassTransit.MessageUrnAttribute>() is not null)
                .ToDictionary(ContractUrns.Of));
        })).Value;

    /// <summary>The release's record for <paramref name="urn"/>, if it had one.</summary>
    public Type? Find(string urn) => _byUrn.GetValueOrDefault(urn);

    /// <summary>Holds only the release's contracts assembly; every other assembly resolves to this process's.</summary>
    private sealed class ReleaseLoadContext(string version) : AssemblyLoadContext($"contracts-{version}")
    {
        protected override Assembly? Load(AssemblyName assemblyName) => null;
    }
}
