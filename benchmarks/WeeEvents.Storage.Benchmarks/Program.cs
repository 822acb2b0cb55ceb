using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using WeeEvents.EntityFrameworkCore;
using WeeEvents.Storage.Benchmarks;

if (args is ["rebuild", ..])
{
    var orders = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
    var provider = args.Length > 2 && args[2] == "sqlite" ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;
    return await ProjectionRebuild.RunAsync(orders, provider);
}

if (args is ["replay", ..])
{
    var events = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
    var provider = args.Length > 2 && args[2] == "sqlite" ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;
    return await SnapshotReplay.RunAsync(events, provider);
}

// In-process with a short job: the machine is small and shared, and the figures are for orders of magnitude.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(StreamBenchmarks).Assembly).Run(args, config);
return 0;
