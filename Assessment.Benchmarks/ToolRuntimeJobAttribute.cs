using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Assessment.Benchmarks;

/// <summary>A job whose process runs with the tool's runtime settings (Assessment.Cli.csproj): server GC, no tiered
/// PGO, no call-counting delay and a call-count threshold of 1,000. With the runtime's defaults instead, code run once per iteration (a whole
/// command) was still being recompiled at higher tiers after a dozen iterations, so the in-process figures measured
/// a runtime configured unlike the tool.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ToolRuntimeJobAttribute(int warmupCount, int iterationCount) : Attribute, IConfigSource
{
    public IConfig Config { get; } = ManualConfig.CreateEmpty().AddJob(Job.Default
        .WithLaunchCount(1)
        .WithWarmupCount(warmupCount)
        .WithIterationCount(iterationCount)
        .WithGcServer(true)
        .WithEnvironmentVariables(
            new EnvironmentVariable("DOTNET_TieredPGO", "0"),
            new EnvironmentVariable("DOTNET_TC_CallCountingDelayMs", "0"),
            new EnvironmentVariable("DOTNET_TC_CallCountThreshold", "1000")));
}
