using System.Collections.Concurrent;
using WeeEvents.Contracts.Compatibility;

namespace WeeEvents.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A service as a past release built it: the release's commit checked out in a git worktree and the service's project
/// alone published into a folder kept by commit under the temp folder, so it is built once (a commit never changes)
/// and every test of the run, and later runs, start it from there.
/// </summary>
public static class ReleaseBuild
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);
    private static readonly ConcurrentDictionary<(string Commit, FlowService Service), Lazy<Task<string>>> Builds = new();

    /// <summary>The folder of <paramref name="service"/> as <paramref name="release"/> built it; builds it on first use.</summary>
    /// <exception cref="InvalidOperationException">This clone has neither the release's tag nor its commit, or the build failed.</exception>
    internal static async Task<string> ServiceAsync(ContractRelease release, FlowService service)
    {
        var commit = await CommitOfAsync(release);
        return await Builds.GetOrAdd((commit, service), key => new Lazy<Task<string>>(() => BuildAsync(release, key.Commit, key.Service))).Value;
    }

    /// <summary>The commit of the release: its tag's, or, in a clone without the tag, the commit its release.json names.</summary>
    private static async Task<string> CommitOfAsync(ContractRelease release)
    {
        var (tagged, taggedCommit) = await GitAsync("rev-parse", "--verify", "--quiet", $"refs/tags/{release.Tag}^{{commit}}");
        if (tagged == 0)
        {
            var commit = taggedCommit.Trim();
            return commit == release.Commit
                ? commit
                : throw new InvalidOperationException(
                    $"Tag {release.Tag} points at {commit}, but {ContractFiles.Relative(release.Directory)}/release.json says release {release.Version} is {release.Commit}.");
        }

        var (known, _) = await GitAsync("cat-file", "-e", $"{release.Commit}^{{commit}}");
        return known == 0
            ? release.Commit
            : throw new InvalidOperationException(
                $"Release {release.Version} cannot be built: this clone has neither the tag {release.Tag} nor the commit {release.Commit}. " +
                $"Fetch them (`git fetch origin tag {release.Tag}`, or clone without --depth) and run again.");
    }

    private static async Task<string> BuildAsync(ContractRelease release, string commit, FlowService service)
    {
        var builds = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "weeevents-release-builds", commit)).FullName;
        var output = Path.Combine(builds, service.ToString());
        var complete = Path.Combine(output, ".complete");
        bool Built() => File.Exists(complete) && File.Exists(Path.Combine(output, $"WeeEvents.Services.{service}.dll"));
        if (Built())
        {
            return output;
        }

        // Another test run on this machine may be building the same service of the same release.
        await using var turn = await BuildLock.TakeAsync(Path.Combine(builds, $"{service}.lock"), BuildTimeout);
        if (Built())
        {
            return output;
        }

        var source = Path.Combine(Path.GetTempPath(), $"weeevents-release-{release.Version}-{Guid.NewGuid():N}");
        var staging = $"{output}.staging-{Guid.NewGuid():N}";
        await GitOrThrowAsync("worktree", "prune");
        await GitOrThrowAsync("worktree", "add", "--detach", source, commit);
        try
        {
            var project = Path.Combine(source, "services", service.ToString(), $"{service}.csproj");
            // One build node at a lower priority: the other test classes run beside it on the same cores.
            string[] publish = ["dotnet", "publish", project, "-c", "Release", "-o", staging,
                "-nologo", "-v", "quiet", "-m:1", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-p:UseAppHost=false"];
            var (exit, log) = OperatingSystem.IsWindows()
                ? await CommandLine.RunAsync(publish[0], publish[1..], BuildTimeout, BuildEnvironment())
                : await CommandLine.RunAsync("nice", ["-n", "10", .. publish], BuildTimeout, BuildEnvironment());
            if (exit != 0)
            {
                throw new InvalidOperationException($"Building {service} of release {release.Version} ({commit}) failed with {exit}:\n{log}");
            }

            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);   // an earlier build that did not finish
            }

            Directory.Move(staging, output);
            await File.WriteAllTextAsync(complete, $"{release.Tag} {commit}\n");
            return output;
        }
        finally
        {
            await GitAsync("worktree", "remove", "--force", source);
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>
    /// The environment of a build started from a test: without the MSBuild variables <c>dotnet test</c> leaves, which
    /// would point the release's build at this tree's, and without build servers that outlive it.
    /// </summary>
    private static Dictionary<string, string?> BuildEnvironment()
    {
        var environment = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("MSBuild", StringComparison.Ordinal))
            .ToDictionary(k => k, _ => (string?)null);
        environment["MSBUILDDISABLENODEREUSE"] = "1";
        environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        return environment;
    }

    private static Task<(int ExitCode, string Output)> GitAsync(params string[] arguments) =>
        CommandLine.RunAsync("git", ["-C", Repository.Root, .. arguments], TimeSpan.FromMinutes(2));

    private static async Task GitOrThrowAsync(params string[] arguments)
    {
        var (exit, output) = await GitAsync(arguments);
        if (exit != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed with {exit}:\n{output}");
        }
    }
}
